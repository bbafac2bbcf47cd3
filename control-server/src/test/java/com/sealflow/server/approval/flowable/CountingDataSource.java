package com.sealflow.server.approval.flowable;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** A DataSource whose connections count the statements they execute (a batched row counts as one statement). */
final class CountingDataSource {

    private CountingDataSource() {
    }

    static DataSource wrap(DataSource target, AtomicLong counter) {
        return proxy(DataSource.class, target, (result, method) -> result instanceof Connection c
            ? proxy(Connection.class, c, (r, m) -> r instanceof Statement s ? statement(s, counter) : r) : result);
    }

    private static Object statement(Statement s, AtomicLong counter) {
        Class<?> type = s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
            : s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        return proxy(type, s, (r, m) -> {
            if ((m.startsWith("execute") && !m.equals("executeBatch")) || m.equals("addBatch")) {
                counter.incrementAndGet();
            }
            return r;
        });
    }

    private interface After {
        Object apply(Object result, String method);
    }

    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler h = (p, m, args) -> {
            if (m.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                return target;
            }
            try {
                return after.apply(m.invoke(target, args), m.getName());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, h));
    }
}
