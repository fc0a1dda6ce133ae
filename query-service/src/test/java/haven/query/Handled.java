package haven.query;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/** Calls a projection's handler directly, as a processor would: in a unit of work that then commits. */
public final class Handled {

    private Handled() {}

    public static void by(Runnable handler) {
        DefaultUnitOfWork.startAndGet(null).execute(handler);
    }
}
