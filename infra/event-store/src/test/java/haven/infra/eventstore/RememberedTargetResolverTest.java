package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

class RememberedTargetResolverTest {

    record Note(@TargetAggregateIdentifier String caseId, String text) {}

    record Versioned(
            @TargetAggregateIdentifier Object caseId,
            @TargetAggregateVersion String version) {}

    static class FieldTarget {
        @TargetAggregateIdentifier
        private final String caseId;

        FieldTarget(String caseId) {
            this.caseId = caseId;
        }
    }

    static class MethodTarget {
        @TargetAggregateIdentifier
        String target() {
            return "from-method";
        }
    }

    record Untargeted(String caseId) {}

    final RememberedTargetResolver remembered = new RememberedTargetResolver();
    final AnnotationCommandTargetResolver axons =
            AnnotationCommandTargetResolver.builder().build();

    @Test
    void everyCommandFindsTheSameTargetAsAxonsOwnResolver() {
        for (Object command : List.of(
                new Note("case-1", "a note"),
                new Note("case-2", "another"),
                new Versioned(42, "7"),
                new FieldTarget("case-3"),
                new MethodTarget())) {
            var message = GenericCommandMessage.asCommandMessage(command);
            var target = remembered.resolveTarget(message);
            var expected = axons.resolveTarget(message);

            assertThat(target.getIdentifier()).as("%s", command).isEqualTo(expected.getIdentifier());
            assertThat(target.getVersion()).as("%s", command).isEqualTo(expected.getVersion());
        }
        assertThat(remembered
                        .resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("c", "7")))
                        .getVersion())
                .isEqualTo(7L);
    }

    @Test
    void aCommandWithoutATargetIsRefused() {
        assertThatThrownBy(() -> remembered.resolveTarget(GenericCommandMessage.asCommandMessage(new Untargeted("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> remembered.resolveTarget(GenericCommandMessage.asCommandMessage(new Note(null, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
