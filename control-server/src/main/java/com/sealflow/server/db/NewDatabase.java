package com.sealflow.server.db;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the server starts on a database nothing has been written to yet, asked before the migrations run: a
 * SQLite file that does not exist, or a PostgreSQL schema without the migrations' history table. Start-up uses it to
 * begin work only a new database needs (the first admin's password hash) beside the migrations. A database it cannot
 * read counts as not new: the migrations will say what is wrong with it.
 */
public final class NewDatabase {

    private NewDatabase() {
    }

    public static boolean is(DatabaseConfig config) {
        if (config.dialect() == Dialect.SQLITE) {
            return !Files.exists(Databases.sqliteFile(config.dataDir()));
        }
        try (Connection c = Databases.dataSource(config).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
