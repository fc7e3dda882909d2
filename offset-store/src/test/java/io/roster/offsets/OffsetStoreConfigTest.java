package io.roster.offsets;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import io.roster.offsets.impl.OffsetStoreSerialization;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store's settings and what {@link OffsetStore#configure} adds to a Hazelcast config; no member is started. */
class OffsetStoreConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        OffsetStoreConfig config = OffsetStoreConfig.defaults();
        assertEquals("roster-offsets", config.mapName());
        assertEquals(1, config.backupCount());
        assertEquals(604_800_000L, config.retentionMs());
        assertEquals(4096, config.metadataMaxChars());
    }

    @Test
    void invalidSettingsAreRejected() {
        OffsetStoreConfig defaults = OffsetStoreConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withMapName(" "));
        assertThrows(IllegalArgumentException.class, () -> defaults.withBackupCount(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withBackupCount(MapConfig.MAX_BACKUP_COUNT + 1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withRetentionMs(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMetadataMaxChars(-1));
        assertEquals(6, defaults.withBackupCount(6).backupCount());
    }

    @Test
    void configureAddsTheMapTheFactoryAndFailingOnUnacknowledgedBackups() {
        Config config = OffsetStore.configure(new Config(), OffsetStoreConfig.defaults().withMapName("offsets").withBackupCount(2));

        MapConfig map = config.getMapConfigOrNull("offsets");
        assertEquals(InMemoryFormat.OBJECT, map.getInMemoryFormat());
        assertEquals(2, map.getBackupCount());
        assertEquals(0, map.getAsyncBackupCount());
        DataSerializableFactory factory = config.getSerializationConfig().getDataSerializableFactories()
                .get(OffsetStoreSerialization.FACTORY_ID);
        assertInstanceOf(OffsetStoreSerialization.class, factory);
        assertEquals("true", config.getProperty(OffsetStore.FAIL_ON_INDETERMINATE_STATE));
    }

    @Test
    void configureKeepsAnExplicitChoiceAndMayRunTwice() {
        Config config = new Config().setProperty(OffsetStore.FAIL_ON_INDETERMINATE_STATE, "false");
        OffsetStore.configure(config, OffsetStoreConfig.defaults());
        OffsetStore.configure(config, OffsetStoreConfig.defaults().withMapName("other-offsets"));

        assertEquals("false", config.getProperty(OffsetStore.FAIL_ON_INDETERMINATE_STATE));
        assertEquals(InMemoryFormat.OBJECT, config.getMapConfigOrNull("other-offsets").getInMemoryFormat());
    }

    @Test
    void configureRefusesAFactoryIdTakenByAnotherFactory() {
        Config config = new Config();
        config.getSerializationConfig().addDataSerializableFactory(OffsetStoreSerialization.FACTORY_ID, classId -> null);
        assertThrows(IllegalStateException.class, () -> OffsetStore.configure(config, OffsetStoreConfig.defaults()));
    }
}
