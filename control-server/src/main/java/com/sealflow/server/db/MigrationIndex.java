package com.sealflow.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

/**
 * The migration scripts named by {@code db/migration/index.txt}, which the build writes from the source tree. Without it
 * Flyway lists every entry of the server's jar (about 43,000) once per location to find some 30 scripts; with it each
 * script is looked up by name. The resources are Flyway's own class-path resources, so names, descriptions and
 * checksums are what its scan would give (MigrationIndexTest compares the two). No index (a build that did not write
 * it): Flyway scans as before.
 */
final class MigrationIndex implements ResourceProvider {

    static final String INDEX = "db/migration/index.txt";

    private final List<LoadableResource> resources;

    private MigrationIndex(List<LoadableResource> resources) {
        this.resources = resources;
    }

    /** The indexed scripts under {@code locations} ("classpath:" locations), or empty when there is no index. */
    static Optional<MigrationIndex> load(ClassLoader loader, String... locations) {
        List<String> names = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return Optional.empty();
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        List<LoadableResource> resources = new ArrayList<>();
        for (String location : locations) {
            Location where = new Location(location);
            String folder = where.getRootPath() + "/";
            names.stream().filter(name -> name.startsWith(folder))
                .forEach(name -> resources.add(new ClassPathResource(where, name, loader, StandardCharsets.UTF_8)));
        }
        return Optional.of(new MigrationIndex(List.copyOf(resources)));
    }

    /** No migration is written in Java. */
    static ClassProvider<JavaMigration> noJavaMigrations() {
        return List::of;
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getAbsolutePath().equals(name))
            .findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream().filter(r -> r.getFilename().startsWith(prefix)
            && Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith)).toList();
    }
}
