package haven.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import haven.infra.embedded.EmbeddedStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each organisation's personal data is sealed under its own master key, and opens with nothing else. */
class OrganisationKeysTest {

    static final String COUNCIL_KEY = "Jq7v3kXH9mZbR2tL8cW1yN5pF0sD4gA6eU+oI/QrKxM=";
    static final String POLICE_KEY = "7VTf4t8QelihrJFLTh2ZO2MwIsSpz6my2TJtr/9HcCQ=";
    static final String HOMES_KEY = "/RS1YK75Q06EXW2YGrGODRDDONKnRVFq7DrMA+Xas6U=";
    static final String ANOTHER_POLICE_KEY = "2wWHnACcdJAmCKcTyJ2dkojGYou09GXIPdb1NwTd/co=";

    static com.mongodb.client.MongoClient client;
    MongoDatabase database = client.getDatabase("keys-" + UUID.randomUUID());

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedStore.shared().uri("test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    static MasterKeys keys(String policeKey) {
        var settings = Map.of("HAVEN_MASTER_KEY_CASTLE_POLICE", policeKey, "HAVEN_MASTER_KEY_CASTLE_HOMES", HOMES_KEY);
        return MasterKeys.load(
                "castle-council",
                COUNCIL_KEY,
                List.of("castle-police", "castle-homes"),
                name -> Optional.ofNullable(settings.get(name)),
                false);
    }

    @Test
    void aCaseSealedForOnePartnerOpensOnlyUnderThatPartnersKey() {
        var partnership = new PersonalDataKeys(database, keys(POLICE_KEY), Duration.ZERO);
        String police = partnership.seal("police-case", "castle-police", "\"narrative of a police case\"");
        String council = partnership.seal("council-case", null, "\"narrative of a council case\"");
        String laterNote = partnership.seal("police-case/reporter", "a later event naming no organisation");

        assertThat(partnership.open(police)).contains("\"narrative of a police case\"");
        assertThat(partnership.open(laterNote)).contains("a later event naming no organisation");
        assertThat(wrappedFor("castle-police")).containsExactly("police-case", "police-case/reporter");
        assertThat(wrappedFor("castle-council")).containsExactly("council-case");

        // the same store under another police key: the council's still open, the police's do not
        var wrongPoliceKey = new PersonalDataKeys(database, keys(ANOTHER_POLICE_KEY), Duration.ZERO);
        assertThat(wrongPoliceKey.open(council)).contains("\"narrative of a council case\"");
        assertThatThrownBy(() -> wrongPoliceKey.open(police)).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> wrongPoliceKey.open(laterNote)).hasMessageContaining("failed authentication");
        // and the founder's key alone opens nothing of the police's
        var founderOnly = new PersonalDataKeys(database, MasterKeys.single(COUNCIL_KEY), Duration.ZERO);
        assertThatThrownBy(() -> founderOnly.open(police)).hasMessageContaining("failed authentication");
    }

    /** The keys the store says are wrapped by the organisation's master key. */
    private List<String> wrappedFor(String organisation) {
        return database.getCollection(PersonalDataKeys.COLLECTION)
                .find(com.mongodb.client.model.Filters.eq("org", organisation))
                .map(key -> key.getString("_id"))
                .into(new java.util.ArrayList<>());
    }

    @Test
    void aPartnerWithoutItsOwnKeyStopsTheServiceNamingTheSetting() {
        assertThatThrownBy(() -> MasterKeys.load(
                        "castle-council", COUNCIL_KEY, List.of("castle-police"), name -> Optional.empty(), false))
                .hasMessageStartingWith("HAVEN_MASTER_KEY_CASTLE_POLICE is not set");
        assertThatThrownBy(() -> keys(HOMES_KEY)).hasMessageContaining("another organisation's master key");
        assertThat(MasterKeys.load(
                                "castle-council", COUNCIL_KEY, List.of("castle-police"), name -> Optional.empty(), true)
                        .settingFor("castle-police"))
                .isEqualTo("HAVEN_MASTER_KEY_CASTLE_POLICE");
    }
}
