package com.sealflow.server.approval.flowable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Flowable 8 process engines for the conformance test and the benchmark: no job executor, no IDM engine, no event
 * registry (neither engine here needs them), a no-op {@code sealflowAuto} bean for the export's AUTO nodes.
 */
final class FlowableEngines {

    private static final Map<String, AtomicLong> STATEMENTS = new ConcurrentHashMap<>();

    private FlowableEngines() {
    }

    /** An engine on an in-memory H2 database of its own. */
    static ProcessEngine inMemory(String name) {
        return build(ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
            .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"), name);
    }

    /**
     * An engine named {@code name} on a PostgreSQL database (schema created on first use), with a pool of {@code
     * connections}; with {@code count}, its statements are counted ({@link #statements}) by a proxy around the pool.
     */
    static ProcessEngine postgres(String name, String jdbcUrl, String user, String password, int connections, boolean count) {
        PooledDataSource pool = new PooledDataSource("org.postgresql.Driver", jdbcUrl, user, password);
        pool.setPoolMaximumActiveConnections(connections);
        pool.setPoolMaximumIdleConnections(connections);
        pool.setDefaultAutoCommit(false);
        AtomicLong counter = new AtomicLong();
        STATEMENTS.put(name, counter);
        return build(ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
            .setDataSource(count ? CountingDataSource.wrap(pool, counter) : pool), name);
    }

    /** Statements executed so far by an engine made by {@link #postgres} (each batched row counts as one). */
    static long statements(ProcessEngine engine) {
        return STATEMENTS.get(engine.getName()).get();
    }

    private static ProcessEngine build(ProcessEngineConfiguration c, String name) {
        ProcessEngineConfigurationImpl cfg = (ProcessEngineConfigurationImpl) c;
        cfg.setEngineName(name);
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setAsyncExecutorActivate(false);
        cfg.setDisableIdmEngine(true);
        cfg.setDisableEventRegistry(true);
        cfg.setBeans(Map.<Object, Object>of("sealflowAuto", (JavaDelegate) execution -> {
        }));
        return cfg.buildProcessEngine();
    }

    static void deploy(ProcessEngine engine, String resourceName, String bpmnXml) {
        engine.getRepositoryService().createDeployment().addString(resourceName, bpmnXml).deploy();
    }
}
