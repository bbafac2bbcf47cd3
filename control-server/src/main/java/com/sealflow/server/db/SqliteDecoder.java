package com.sealflow.server.db;

import io.vertx.jdbcclient.impl.actions.JDBCColumnDescriptor;
import io.vertx.jdbcclient.spi.JDBCColumnDescriptorProvider;
import io.vertx.jdbcclient.spi.JDBCDecoderImpl;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The JDBC pool's value decoding for SQLite, with the same results, without asking the driver for the column's
 * description for every value: the value's storage class (seen from the driver's plain {@code getObject}, which
 * converts nothing) and the kept statement's column pick a description remembered from the first time
 * ({@link SqliteStatements.Rows#descriptor}); the decoding itself is the pool's own. Results that do not come from a
 * kept statement are decoded as before.
 */
public final class SqliteDecoder extends JDBCDecoderImpl {

    @Override
    public Object parse(ResultSet rs, int pos, JDBCColumnDescriptorProvider lookup) throws SQLException {
        SqliteStatements.Rows rows = SqliteStatements.rowsOf(rs);
        if (rows == null) {
            return super.parse(rs, pos, lookup);
        }
        ResultSet real = rows.real();
        Object value = real.getObject(pos);
        int storage = storageClass(value);
        JDBCColumnDescriptor descriptor = storage < 0 ? rows.live(pos) : rows.descriptor(pos, storage);
        return decode(descriptor, cls -> cls == null ? value : real.getObject(pos, cls));
    }

    /**
     * sqlite-jdbc's {@code getObject} answers by storage class: null, Integer, Double, String, byte[], and Long for an
     * INTEGER outside the int range (the driver then also reports the column as BIGINT, so the two are told apart).
     */
    static int storageClass(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Integer) {
            return 1;
        }
        if (value instanceof Long) {
            return 5;
        }
        if (value instanceof Double) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        return value instanceof byte[] ? 4 : -1;
    }
}
