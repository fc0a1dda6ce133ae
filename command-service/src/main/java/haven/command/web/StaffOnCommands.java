package haven.command.web;

import haven.command.cases.Acting;
import haven.infra.security.Staff;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Puts the signed-in member of staff into every command sent on their behalf, so that the case
 * can decide whether they may work on it. Commands are sent on the request's own thread.
 */
@Component
class StaffOnCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Autowired
    void register(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> Staff.current()
                .<CommandMessage<?>>map(staff -> command.andMetaData(Acting.metaData(
                        staff.id(),
                        staff.roles().stream().map(Enum::name).toList(),
                        staff.team(),
                        staff.organisation())))
                .orElse(command);
    }
}
