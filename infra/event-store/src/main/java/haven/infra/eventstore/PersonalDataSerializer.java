package haven.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import haven.events.PersonalData;
import haven.infra.privacy.PersonalDataKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * Serialises events with their {@link PersonalData} fields sealed by their case's key, and opens
 * them again on the way back. Every copy of an event (the event store, dead letters, a replay)
 * passes through here, so erasing a case's keys erases those fields everywhere: they then read as
 * null. Everything else is the delegate's (Axon's Jackson serializer) unchanged.
 *
 * <p>Each event is opened once for all the readers in this process ({@link RecentlyDecoded}).
 */
public class PersonalDataSerializer implements Serializer {

    private record Field(String name, String subject) {}

    private final Serializer delegate;
    private final PersonalDataKeys keys;
    private final ObjectMapper json;
    /** By type name, so that reading an event resolves its class once (in the delegate), not twice. */
    private final Map<String, List<Field>> personalFields = new ConcurrentHashMap<>();

    private final RecentlyDecoded recentlyDecoded;

    public PersonalDataSerializer(Serializer delegate, PersonalDataKeys keys, ObjectMapper json) {
        this.delegate = delegate;
        this.keys = keys;
        this.json = json;
        // a few seconds of events at 200 reports/s: readers of the same event are that close, or it is a replay
        Duration keptFor = Collections.min(List.of(Duration.ofSeconds(10), keys.cachedFor()));
        // about 4,000 events of a kilobyte: a few MB of heap
        this.recentlyDecoded = new RecentlyDecoded(keys, 4_000_000, keptFor);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = sealed(object, expectedRepresentation);
        recentlyDecoded.stored(object, serialized);
        return serialized;
    }

    private <T> SerializedObject<T> sealed(Object object, Class<T> expectedRepresentation) {
        List<Field> fields =
                object == null ? List.of() : fieldsOf(object.getClass().getName());
        if (fields.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = json.valueToTree(object);
        String caseId = tree.path("caseId").path("value").asText();
        // the event that opens a case names its organisation, whose master key then wraps the case's keys
        String organisation = tree.path("organisation").textValue();
        for (Field field : fields) {
            JsonNode value = tree.get(field.name());
            if (value != null && !value.isNull()) {
                tree.put(
                        field.name(),
                        keys.seal(PersonalDataKeys.keyId(caseId, field.subject()), organisation, value.toString()));
            }
        }
        T data = getConverter().convert(tree, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serialized) {
        return recentlyDecoded.decoded(serialized, () -> opened(serialized));
    }

    private <S, T> T opened(SerializedObject<S> serialized) {
        List<Field> fields = SerializedType.isEmptyType(serialized.getType())
                ? List.of()
                : fieldsOf(serialized.getType().getName());
        if (fields.isEmpty()) {
            return delegate.deserialize(serialized);
        }
        var tree = (ObjectNode)
                getConverter().convert(serialized, JsonNode.class).getData().deepCopy();
        for (Field field : fields) {
            JsonNode value = tree.get(field.name());
            if (value != null && value.isTextual() && PersonalDataKeys.isSealed(value.asText())) {
                tree.set(
                        field.name(), keys.open(value.asText()).map(this::parse).orElse(NullNode.getInstance()));
            }
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serialized.getType()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private List<Field> fieldsOf(String typeName) {
        return personalFields.computeIfAbsent(
                typeName,
                name -> Arrays.stream(classForType(new SimpleSerializedType(name, null))
                                .getDeclaredFields())
                        .filter(f -> f.isAnnotationPresent(PersonalData.class))
                        .map(f -> new Field(
                                f.getName(), f.getAnnotation(PersonalData.class).subject()))
                        .toList());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
