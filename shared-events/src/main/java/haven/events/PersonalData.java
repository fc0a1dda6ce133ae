package haven.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This field of an event carries personal data. It is stored encrypted with a key of the event's
 * case (its {@code caseId}), or of one data subject within the case when {@link #subject()} names
 * one, so that erasing that key erases the field from every copy of the event.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    /** Empty: the case's own key. Otherwise a subject with a key of its own, e.g. {@code reporter}. */
    String subject() default "";
}
