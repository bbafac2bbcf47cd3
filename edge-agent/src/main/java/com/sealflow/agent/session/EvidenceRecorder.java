package com.sealflow.agent.session;

import com.sealflow.agent.camera.Camera;
import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.EventDraft;
import com.sealflow.agent.journal.Journal;
import com.sealflow.agent.journal.PhotoStore;
import com.sealflow.agent.journal.SealedEvent;
import com.sealflow.agent.journal.StoredPhoto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals events; for a press it first takes the snapshot and writes it durably, then journals the signed event
 * naming the photo's hash. Returns only when both are on stable storage; then wakes the publisher.
 */
public final class EvidenceRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRecorder.class);

    private final Journal journal;
    private final PhotoStore photos;
    private final Camera camera;
    private final AgentClock clock;
    private final ClockSkew skew;
    private final Runnable appended;

    public EvidenceRecorder(Journal journal, PhotoStore photos, Camera camera, AgentClock clock, ClockSkew skew, Runnable appended) {
        this.journal = journal;
        this.photos = photos;
        this.camera = camera;
        this.clock = clock;
        this.skew = skew;
        this.appended = appended;
    }

    public SealedEvent record(String type, Map<String, Object> body) {
        return append(Journal.newEventId(), type, body, null, null);
    }

    /** As {@link #record(String, Map)}, committing {@code alongside}'s writes with the event. */
    public SealedEvent record(String type, Map<String, Object> body, Journal.Alongside alongside) {
        return append(Journal.newEventId(), type, body, null, alongside);
    }

    /** Snapshot → photo fsynced → event journaled (synchronous=FULL). A camera failure still journals the press. */
    public SealedEvent recordPress(Map<String, Object> body, Camera.Shot shot) {
        String eventId = Journal.newEventId();
        Map<String, Object> b = new LinkedHashMap<>(body);
        StoredPhoto photo = null;
        try {
            photo = photos.store(eventId, camera.snapshot(shot));
        } catch (IOException | RuntimeException e) {
            LOG.error("press {} has no photo: {}", shot.pressCounter(), e.toString());
            b.put("photoError", e.getMessage());
        }
        b.put("clockSkewMs", skew.estimateMs());
        b.put("clockSkewFlag", skew.beyondTolerance());
        return append(eventId, "PRESS", b, photo, null);
    }

    private SealedEvent append(String eventId, String type, Map<String, Object> body, StoredPhoto photo, Journal.Alongside alongside) {
        try {
            SealedEvent e = journal.append(eventId, new EventDraft(type, clock.wallMillis(), clock.monoMillis(), body, photo), alongside);
            appended.run();
            return e;
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("journal append failed", e));
        }
    }
}
