package haven.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.events.CaseId;
import haven.events.PersonalData;
import haven.infra.embedded.EmbeddedStore;
import haven.infra.privacy.PersonalDataKeys;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every processor of a service reads every event; the event is opened and decoded once for all of them. */
class EventsOpenedOnceTest {

    record NoteAdded(CaseId caseId, @PersonalData String note) {}

    static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    final ObjectMapper json = new ObjectMapper();
    final CaseId caseId = new CaseId(UUID.randomUUID().toString());
    MongoClient client;
    MongoDatabase database;

    @BeforeEach
    void store() {
        client = MongoClients.create(EmbeddedStore.shared().uri("opened-once"));
        database = client.getDatabase("opened-once-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void fiveReadersOfAStoredEventDecodeItOnce() {
        String stored = new Service().stored(new NoteAdded(caseId, "what happened"));
        var reader = new Service();

        for (int projection = 0; projection < 5; projection++) {
            // each reader has its own copy of the stored text, as each reads the store itself
            assertThat(reader.read(new String(stored))).isEqualTo(new NoteAdded(caseId, "what happened"));
        }

        assertThat(reader.decoded).hasValue(1);
    }

    @Test
    void anEventThisServiceStoredIsReadBackWithoutDecoding() {
        var service = new Service();
        String stored = service.stored(new NoteAdded(caseId, "what happened"));

        assertThat(service.read(new String(stored))).isEqualTo(new NoteAdded(caseId, "what happened"));
        assertThat(service.decoded).hasValue(0);
    }

    @Test
    void onceTheCaseIsErasedItsEventsReadWithoutTheirPersonalData() {
        var writer = new Service();
        String stored = writer.stored(new NoteAdded(caseId, "what happened"));
        var reader = new Service();
        assertThat(reader.read(stored)).isEqualTo(new NoteAdded(caseId, "what happened"));

        writer.keys.destroy(caseId.value());
        reader.keys.forget(caseId.value()); // the reader hears of the erasure

        assertThat(reader.read(stored)).isEqualTo(new NoteAdded(caseId, null));
        assertThat(writer.read(stored)).isEqualTo(new NoteAdded(caseId, null));
    }

    /** One service's serializer over the shared store, counting what its Jackson serializer decodes. */
    final class Service {
        final PersonalDataKeys keys = new PersonalDataKeys(database, MASTER_KEY, Duration.ofMinutes(1));
        final AtomicInteger decoded = new AtomicInteger();
        final PersonalDataSerializer serializer =
                new PersonalDataSerializer(new Counting(JacksonSerializer.defaultSerializer()), keys, json);

        String stored(Object event) {
            return serializer.serialize(event, String.class).getData();
        }

        Object read(String stored) {
            var type = serializer.typeForClass(NoteAdded.class);
            return serializer.deserialize(new SimpleSerializedObject<>(stored, String.class, type));
        }

        private final class Counting implements Serializer {
            private final Serializer delegate;

            Counting(Serializer delegate) {
                this.delegate = delegate;
            }

            @Override
            public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
                return delegate.serialize(object, expectedRepresentation);
            }

            @Override
            public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
                return delegate.canSerializeTo(expectedRepresentation);
            }

            @Override
            public <S, T> T deserialize(SerializedObject<S> serializedObject) {
                decoded.incrementAndGet();
                return delegate.deserialize(serializedObject);
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
        }
    }
}
