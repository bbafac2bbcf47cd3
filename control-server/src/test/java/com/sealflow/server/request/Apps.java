package com.sealflow.server.request;

import com.sealflow.server.db.Dialect;
import java.util.EnumMap;
import java.util.Map;

/** One {@link RequestApp} per database for a test class (start-up and migrations cost seconds); close in @AfterAll. */
public final class Apps implements AutoCloseable {

    private final Map<Dialect, RequestApp> apps = new EnumMap<>(Dialect.class);

    public synchronized RequestApp get(Dialect dialect) {
        return apps.computeIfAbsent(dialect, d -> {
            try {
                return new RequestApp(d);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public synchronized void close() throws Exception {
        for (RequestApp app : apps.values()) {
            app.close();
        }
        apps.clear();
    }
}
