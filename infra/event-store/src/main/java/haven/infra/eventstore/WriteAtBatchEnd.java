package haven.infra.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Writes a batch's {@link BatchWrites} after its last event has been handled, still inside the
 * batch's unit of work. A commit handler would be too late: the processor registers storing the
 * token first, and commit handlers run in the order they were registered. This interceptor sees
 * every event of the batch, including those a dead-letter queue holds back without calling a
 * handler. A failed write fails the batch, which is then tried again.
 */
final class WriteAtBatchEnd implements MessageHandlerInterceptor<EventMessage<?>> {

    /** For every event processor of the service: one that never asks for {@link BatchWrites} pays nothing. */
    static ConfigurerModule forEveryProcessor() {
        var interceptor = new WriteAtBatchEnd();
        return configurer ->
                configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) -> interceptor);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork.resources().put(BatchWrites.IN_A_BATCH, Boolean.TRUE);
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            BatchWrites writes = unitOfWork.getResource(BatchWrites.RESOURCE);
            if (writes != null) {
                writes.write();
            }
        }
        return result;
    }
}
