package com.sealflow.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sealflow.agent.identity.DeviceKeys;
import com.sealflow.agent.testkit.Envelopes;
import com.sealflow.protocol.evidence.ChainVerification;
import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import java.nio.file.Files;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void eventsAreSignedHashChainedAndSurviveReopen() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        PhotoStore photos = new PhotoStore(dir);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        String pressId = Journal.newEventId();
        try (Journal j = new Journal(dir, "dev-j", new ProtocolEvidenceSealer(keys.privateKey()))) {
            j.append(Journal.newEventId(), EventDraft.of("SESSION_STARTED", 1000, 5, Map.of("tokenId", "t1")));
            StoredPhoto photo = photos.store(pressId, jpeg);
            j.append(pressId, new EventDraft("PRESS", 1001, 6, Map.of("tokenId", "t1", "pressCounter", 7L), photo));
        }
        try (Journal j = new Journal(dir, "dev-j", new ProtocolEvidenceSealer(keys.privateKey()))) {
            j.append(Journal.newEventId(), EventDraft.of("SESSION_ENDED", 1002, 7, Map.of("pressesUsed", 1)));
            List<SealedEvent> all = j.all();
            assertThat(all).extracting(SealedEvent::seq).containsExactly(1L, 2L, 3L);
            List<SignedDeviceEvent> signed = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (SealedEvent e : all) {
                signed.add(Envelopes.toSigned(json.readTree(e.envelope())));
            }
            ChainVerification ok = EvidenceChain.verify(signed, "dev-j", keys.publicKey());
            assertThat(ok.ok()).isTrue();
            assertThat(signed.get(0).event().prevHash()).isEqualTo("0".repeat(64));
            SealedEvent press = all.get(1);
            assertThat(press.photoSha256()).isEqualTo(PhotoStore.sha256Hex(jpeg));
            assertThat(signed.get(1).event().body()).containsEntry("photoSha256", PhotoStore.sha256Hex(jpeg));
            assertThat(Files.readAllBytes(Path.of(press.photoPath()))).isEqualTo(jpeg);
            assertThat(j.depth()).isEqualTo(new Journal.Depth(3, 3, 1, 3));

            // Tampering with a stored envelope is caught by the chain check.
            SignedDeviceEvent forged = new SignedDeviceEvent(signed.get(1).event(), signed.get(0).hash(), signed.get(1).signature());
            assertThat(EvidenceChain.verify(List.of(signed.get(0), forged), "dev-j", keys.publicKey()).ok()).isFalse();

            j.markPublished(2, 5000);
            assertThat(j.pendingPhotos(10)).extracting(SealedEvent::seq).containsExactly(2L);
            assertThat(j.unpublished(0, 10)).extracting(SealedEvent::seq).containsExactly(1L, 3L);
            j.markPhoto(2, "UPLOADED");
            assertThat(j.pendingPhotos(10)).isEmpty();
        }
    }

    @Test
    void armedTokensAndTheirSessionArePersistedAndPressesCountedPerSession() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        try (Journal j = new Journal(dir, "dev-j", new ProtocolEvidenceSealer(keys.privateKey()))) {
            TokenLedger ledger = j.tokens();
            ledger.accept("t1", 11, 1000, "wire-1", "c1");
            ledger.accept("t2", 12, 1001, "wire-2", "c2");
            ledger.startSession("t1", 12, 2000, 300_000, 41L);
            assertThat(j.kvGet(TokenLedger.UNLOCK_COUNTER)).as("stored with the session").contains("41");
            for (long[] press : new long[][] {{12, 1}, {12, 2}, {123, 3}, {1, 4}, {0, 5}}) {
                j.append(Journal.newEventId(), EventDraft.of("PRESS", 2100, 9, Map.of("sessionId", press[0], "pressCounter", press[1])));
            }
            assertThat(j.pressesIn(12)).as("session 12, not 123 or 1").isEqualTo(2);
            assertThat(j.sessionEnded(12)).isFalse();
            j.append(Journal.newEventId(), EventDraft.of("SESSION_ENDED", 2200, 10, Map.of("sessionId", 12L, "pressesUsed", 2)));
            assertThat(j.sessionEnded(12)).isTrue();
            ledger.mark("t2", "REVOKED", 2300);
        }
        try (Journal j = new Journal(dir, "dev-j", new ProtocolEvidenceSealer(keys.privateKey()))) {
            assertThat(j.tokens().armed()).singleElement().isEqualTo(new TokenLedger.Armed("t1", "wire-1", "c1", 1000, 12L, 2000, 300_000));
            assertThat(j.tokens().state("t1")).contains("USED");
            assertThat(j.tokens().state("t2")).contains("REVOKED");
            assertThat(j.tokens().lastCounter()).isEqualTo(12);
            j.tokens().disarm("t1");
            assertThat(j.tokens().armed()).isEmpty();
        }
    }

    @Test
    void aSessionStartsWithItsFirstEventInOneTransactionOrNotAtAll() throws Exception {
        DeviceKeys keys = DeviceKeys.generate();
        try (Journal j = new Journal(dir, "dev-s", new ProtocolEvidenceSealer(keys.privateKey()))) {
            TokenLedger ledger = j.tokens();
            ledger.accept("t1", 11, 1000, "wire-1", "c1");
            Journal.Alongside failing = db -> {
                ledger.sessionStart("t1", 7, 2000, 300_000, 5L).run(db);
                throw new SQLException("disk full");
            };
            assertThatThrownBy(() -> j.append(Journal.newEventId(), EventDraft.of("SESSION_STARTED", 2000, 8, Map.of("sessionId", 7L)),
                    failing)).hasMessage("disk full");
            assertThat(j.all()).as("no event without its session").isEmpty();
            assertThat(ledger.state("t1")).as("no session without its event").contains("ACCEPTED");
            assertThat(j.kvGet(TokenLedger.UNLOCK_COUNTER)).isEmpty();

            SealedEvent started = j.append(Journal.newEventId(), EventDraft.of("SESSION_STARTED", 2001, 9, Map.of("sessionId", 7L)),
                    ledger.sessionStart("t1", 7, 2001, 300_000, 5L));
            assertThat(started.seq()).isEqualTo(1);
            assertThat(ledger.state("t1")).contains("USED");
            assertThat(j.kvGet(TokenLedger.UNLOCK_COUNTER)).contains("5");
        }
        try (Journal j = new Journal(dir, "dev-s", new ProtocolEvidenceSealer(keys.privateKey()))) {
            assertThat(j.all()).extracting(SealedEvent::type).containsExactly("SESSION_STARTED");
            assertThat(j.tokens().armed()).singleElement().extracting(TokenLedger.Armed::sessionId).isEqualTo(7L);
        }
    }
}
