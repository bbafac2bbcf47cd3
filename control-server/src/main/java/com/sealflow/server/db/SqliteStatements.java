package com.sealflow.server.db;

import io.vertx.jdbcclient.impl.actions.JDBCColumnDescriptor;
import io.vertx.jdbcclient.spi.JDBCColumnDescriptorProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * SQLite connections that keep their prepared statements. The JDBC pool prepares, and afterwards closes, a statement
 * for every execution, and sqlite-jdbc keeps no statement cache: so each statement was compiled again, and its result's
 * column descriptions were read again through JNI for every row and column. Here {@code prepareStatement(sql)} hands out
 * the connection's kept statement for that text (closing it only clears its parameters), and each kept statement
 * remembers its columns' descriptions ({@link SqliteDecoder}). A statement that failed is really closed, and the next
 * use prepares it afresh. One connection runs one statement at a time (the pool serialises its use); a statement text
 * asked for while its kept statement is still open is prepared once more, uncached.
 */
final class SqliteStatements {

    /** Distinct statement texts kept per connection; the server has a few hundred. */
    static final int KEPT = 512;

    private static final Set<String> REMEMBERED = Set.of("getColumnLabel", "getColumnName", "getColumnType",
        "getColumnTypeName", "getColumnClassName");

    private SqliteStatements() {
    }

    /**
     * A connection of {@code dataSource} that keeps its prepared statements. It does not fetch generated keys: no
     * statement of the server reads them, and sqlite-jdbc otherwise follows every single-row INSERT with a
     * {@code SELECT last_insert_rowid()} through a new statement, compiled each time.
     */
    static Connection open(DataSource dataSource) throws SQLException {
        Connection real = dataSource.getConnection();
        real.unwrap(SQLiteConnection.class).getConnectionConfig().setGetGeneratedKeys(false);
        Kept kept = new Kept(real);
        return (Connection) Proxy.newProxyInstance(SqliteStatements.class.getClassLoader(), new Class<?>[] {Connection.class}, kept);
    }

    /**
     * As {@link #open}, a connection that refuses to write ({@code PRAGMA query_only}): for reads outside transactions,
     * in autocommit, so each statement is its own short read transaction and sees the last commit when it starts.
     */
    static Connection openQueryOnly(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(SqliteStatements.class.getClassLoader(), new Class<?>[] {Connection.class},
            new Kept(c));
    }

    /** Rows of a kept statement, or null when {@code rs} is not one (then the caller decodes as usual). */
    static Rows rowsOf(ResultSet rs) {
        if (rs instanceof Proxy && Proxy.getInvocationHandler(rs) instanceof Rows rows) {
            return rows;
        }
        return null;
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A connection and its kept statements, least recently used first. */
    private static final class Kept implements InvocationHandler {
        private final Connection real;
        private final Map<String, Statement> statements = new LinkedHashMap<>(64, 0.75f, true);
        /** A transaction just ended: the pool's {@code setAutoCommit(false)} that follows is not a BEGIN. */
        private boolean ended;

        Kept(Connection real) {
            this.real = real;
        }

        @Override
        public synchronized Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if ("prepareStatement".equals(name) && args.length == 1) {
                return prepare((String) args[0]);
            }
            if ("close".equals(name) && args == null) {
                closeAll();
            }
            boolean ending = ("commit".equals(name) || "rollback".equals(name)) && args == null;
            if (ending && !real.getAutoCommit()) {
                return "commit".equals(name) ? commit() : rollback();
            }
            if ("setAutoCommit".equals(name) && Boolean.FALSE.equals(args[0]) && ended) {
                ended = false;
                return null;
            }
            return call(real, m, args);
        }

        /**
         * The JDBC pool ends a transaction with COMMIT (or ROLLBACK) and then {@code setAutoCommit(false)}, and the
         * driver begins the next transaction right after COMMIT or ROLLBACK: so a single statement after a transaction
         * ran inside an open transaction, committed only with the next one, unseen by other connections (the readers)
         * until then, and the write lock was never let go. Here a transaction ends in autocommit, as it began.
         */
        private Object commit() throws SQLException {
            ended = true;
            try {
                real.setAutoCommit(true); // COMMIT, no BEGIN after it
                return null;
            } catch (SQLException e) {
                // a refused COMMIT may leave the transaction open: nothing of it may be committed with later statements
                try {
                    real.unwrap(SQLiteConnection.class).getDatabase().exec("rollback;", true);
                } catch (SQLException none) {
                    e.addSuppressed(none); // SQLite had rolled it back already
                }
                throw e;
            }
        }

        /**
         * The driver's rollback runs ROLLBACK and then begins the next transaction. When SQLite has already rolled the
         * transaction back itself (SQLITE_FULL, some I/O errors), ROLLBACK fails and the driver skipped that BEGIN: it
         * still counted on a transaction that did not exist, so every later transaction's statements committed one by
         * one and a rollback kept them. Here the BEGIN is made up for, and the failure still reported.
         */
        private Object rollback() throws SQLException {
            ended = true;
            try {
                real.rollback();
                real.setAutoCommit(true); // ends the transaction the driver began after its ROLLBACK: it holds nothing yet
                return null;
            } catch (SQLException e) {
                if (!real.getAutoCommit() && real.isWrapperFor(SQLiteConnection.class)) {
                    try {
                        real.unwrap(SQLiteConnection.class).getDatabase().exec("begin immediate;", false);
                    } catch (SQLException stillOpen) {
                        e.addSuppressed(stillOpen); // the transaction was still there: the driver's state was right
                    }
                }
                throw e;
            }
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            Statement s = statements.get(sql);
            if (s != null && s.inUse) {
                return real.prepareStatement(sql);
            }
            if (s == null) {
                s = new Statement(this, real.unwrap(SQLiteConnection.class), sql);
                statements.put(sql, s);
                evictEldest();
            }
            s.inUse = true;
            return s;
        }

        private void evictEldest() throws SQLException {
            Iterator<Statement> it = statements.values().iterator();
            while (statements.size() > KEPT && it.hasNext()) {
                Statement eldest = it.next();
                if (!eldest.inUse) {
                    it.remove();
                    eldest.reallyClose();
                }
            }
        }

        synchronized void release(Statement s) throws SQLException {
            if (s.failed || statements.get(s.sql) != s) {
                statements.remove(s.sql, s);
                s.reallyClose();
                return;
            }
            s.clearParameters();
            s.clearBatch();
            s.inUse = false;
        }

        private void closeAll() {
            for (Statement s : statements.values()) {
                try {
                    s.reallyClose();
                } catch (SQLException e) {
                    // the connection closes next, which frees what is left
                }
            }
            statements.clear();
        }
    }

    /**
     * One kept statement: the driver's own statement (no reflective proxy: the JDBC pool calls {@code setObject} once per
     * parameter of every row, which through a proxy cost a reflective call each); closing it hands it back, a failed
     * execution or bind marks it for a real close, and its result's columns' descriptions are remembered.
     */
    private static final class Statement extends JDBC4PreparedStatement {
        private final Kept owner;
        private final String sql;
        private JDBCColumnDescriptor[][] descriptors = new JDBCColumnDescriptor[0][];
        private final Map<String, Object> metaData = new HashMap<>();
        private boolean inUse;
        private boolean failed;

        Statement(Kept owner, SQLiteConnection conn, String sql) throws SQLException {
            super(conn, sql);
            this.owner = owner;
            this.sql = sql;
        }

        @Override
        public void close() throws SQLException {
            owner.release(this);
        }

        void reallyClose() throws SQLException {
            super.close();
        }

        /** A call of the driver's statement; one that fails marks the statement to be really closed, not kept. */
        private interface DriverCall<T> {
            T call() throws SQLException;
        }

        private <T> T marked(DriverCall<T> call) throws SQLException {
            try {
                return call.call();
            } catch (SQLException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void setObject(int index, Object value) throws SQLException {
            marked(() -> {
                super.setObject(index, value);
                return null;
            });
        }

        @Override
        public void addBatch() throws SQLException {
            marked(() -> {
                super.addBatch();
                return null;
            });
        }

        @Override
        public boolean execute() throws SQLException {
            return marked(super::execute);
        }

        @Override
        public ResultSet executeQuery() throws SQLException {
            return marked(super::executeQuery); // the driver's executeQuery hands out getResultSet's result
        }

        @Override
        public int executeUpdate() throws SQLException {
            return marked(super::executeUpdate);
        }

        @Override
        public long executeLargeUpdate() throws SQLException {
            return marked(super::executeLargeUpdate);
        }

        @Override
        public int[] executeBatch() throws SQLException {
            return marked(super::executeBatch);
        }

        @Override
        public long[] executeLargeBatch() throws SQLException {
            return marked(super::executeLargeBatch);
        }

        @Override
        public ResultSet getResultSet() throws SQLException {
            ResultSet rs = super.getResultSet();
            if (rs instanceof Proxy) {
                return rs;
            }
            return rs == null ? null : new Rows(this, rs).proxy();
        }
    }

    /** A kept statement's result: its metadata answers from what the statement remembers. */
    static final class Rows implements InvocationHandler {
        private final Statement statement;
        private final ResultSet real;

        Rows(Statement statement, ResultSet real) {
            this.statement = statement;
            this.real = real;
        }

        ResultSet proxy() {
            return (ResultSet) Proxy.newProxyInstance(SqliteStatements.class.getClassLoader(), new Class<?>[] {ResultSet.class}, this);
        }

        /** The driver's own result set. */
        ResultSet real() {
            return real;
        }

        /**
         * The description of column {@code col} when the current row's value has SQLite storage class {@code storage}
         * (0 NULL, 1 INTEGER in the int range, 2 REAL, 3 TEXT, 4 BLOB, 5 a larger INTEGER): sqlite-jdbc derives a
         * column's JDBC type from the declared type, the value's storage class and, for an INTEGER, whether it fits an
         * int; the declared type is fixed for a statement's column.
         */
        JDBCColumnDescriptor descriptor(int col, int storage) throws SQLException {
            JDBCColumnDescriptor[][] known = statement.descriptors;
            if (col > known.length) {
                JDBCColumnDescriptor[][] grown = new JDBCColumnDescriptor[col][];
                System.arraycopy(known, 0, grown, 0, known.length);
                statement.descriptors = known = grown;
            }
            if (known[col - 1] == null) {
                known[col - 1] = new JDBCColumnDescriptor[6];
            }
            JDBCColumnDescriptor d = known[col - 1][storage];
            if (d == null) {
                d = live(col);
                known[col - 1][storage] = d;
            }
            return d;
        }

        /** The description the driver gives for the current row, not remembered. */
        JDBCColumnDescriptor live(int col) throws SQLException {
            return JDBCColumnDescriptorProvider.fromResultMetaData(real.getMetaData()).apply(col);
        }

        @Override
        public Object invoke(Object p, Method m, Object[] args) throws Throwable {
            if ("getMetaData".equals(m.getName())) {
                ResultSetMetaData md = real.getMetaData();
                Map<String, Object> known = statement.metaData;
                return Proxy.newProxyInstance(SqliteStatements.class.getClassLoader(), new Class<?>[] {ResultSetMetaData.class},
                    (mp, mm, margs) -> {
                        if (!REMEMBERED.contains(mm.getName())) {
                            return call(md, mm, margs);
                        }
                        String key = margs == null ? mm.getName() : mm.getName() + '#' + margs[0];
                        Object v = known.get(key);
                        if (v == null) {
                            v = call(md, mm, margs);
                            if (v != null) {
                                known.put(key, v);
                            }
                        }
                        return v;
                    });
            }
            if ("getStatement".equals(m.getName())) {
                return statement;
            }
            return call(real, m, args);
        }
    }
}
