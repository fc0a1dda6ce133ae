package haven.command.requests;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A member of staff's sign-in id, e.g. {@code cw.patel}. */
@NotBlank
@Pattern(regexp = "[A-Za-z0-9._@-]{1,100}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({
    java.lang.annotation.ElementType.FIELD,
    java.lang.annotation.ElementType.PARAMETER,
    java.lang.annotation.ElementType.RECORD_COMPONENT,
    java.lang.annotation.ElementType.TYPE_USE
})
public @interface StaffId {

    String message() default "must be a staff id: 1 to 100 letters, digits, '.', '_', '@' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
