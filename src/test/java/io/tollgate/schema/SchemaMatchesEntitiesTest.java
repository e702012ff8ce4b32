package io.tollgate.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.Column;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations and the entities agree, on embedded Derby and on a real PostgreSQL: every entity's
 * table exists with each mapped column (name, type family, nullability, length), its primary key,
 * unique constraints and indexes, and no NOT NULL column the entity would never fill. An entity
 * added or changed without its migration fails here, not on a server.
 */
class SchemaMatchesEntitiesTest {

    private static EmbeddedPostgres postgres;
    private static DataSource derby;

    @BeforeAll
    static void migrateBoth() throws IOException {
        // Derby writes its log where it boots unless told otherwise; keep it out of the source tree.
        System.setProperty("derby.stream.error.file", "target/derby.log");
        EmbeddedDataSource embedded = new EmbeddedDataSource();
        embedded.setDatabaseName("memory:schema-matches-entities");
        embedded.setCreateDatabase("create");
        derby = embedded;
        SchemaMigrations.migrate(derby);
        postgres = EmbeddedPostgres.builder().start();
        SchemaMigrations.migrate(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @TestFactory
    Stream<DynamicTest> everyEntityHasItsTable() throws IOException {
        List<Class<?>> entities = entities();
        assertTrue(entities.size() >= 8, "entities found: " + entities);
        return entities.stream().flatMap(entity -> Stream.of(
                DynamicTest.dynamicTest(entity.getSimpleName() + " on Derby", () -> assertTableMatches(entity, derby)),
                DynamicTest.dynamicTest(entity.getSimpleName() + " on PostgreSQL", () -> assertTableMatches(entity, postgres.getPostgresDatabase()))));
    }

    @TestFactory
    Stream<DynamicTest> migratingAgainChangesNothing() {
        return Stream.of(DynamicTest.dynamicTest("Derby", () -> assertEquals(0, SchemaMigrations.migrate(derby).migrationsExecuted)),
                DynamicTest.dynamicTest("PostgreSQL", () -> assertEquals(0, SchemaMigrations.migrate(postgres.getPostgresDatabase()).migrationsExecuted)));
    }

    private record Mapped(String column, Class<?> type, boolean nullable, int length, boolean lob) {
    }

    private static void assertTableMatches(Class<?> entity, DataSource dataSource) throws SQLException {
        Table table = entity.getAnnotation(Table.class);
        String tableName = table != null && !table.name().isEmpty() ? table.name() : entity.getSimpleName();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            String stored = storedName(metaData, tableName);
            Map<String, Map<String, Object>> columns = columns(metaData, stored);
            assertFalse(columns.isEmpty(), "table " + tableName + " of " + entity.getSimpleName() + " exists");

            List<Mapped> mapped = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            collect(entity, mapped, ids);
            for (Mapped field : mapped) {
                Map<String, Object> column = columns.remove(field.column());
                assertTrue(column != null, tableName + "." + field.column() + " exists");
                String where = tableName + "." + field.column();
                assertEquals(field.nullable(), (int) column.get("NULLABLE") == DatabaseMetaData.columnNullable, where + " nullable");
                assertTrue(family(field).contains((int) column.get("DATA_TYPE")),
                        where + " has type " + column.get("TYPE_NAME") + " for " + field.type().getSimpleName());
                if (field.type() == String.class && !field.lob()) {
                    assertEquals(field.length(), (int) column.get("COLUMN_SIZE"), where + " length");
                }
            }
            columns.forEach((name, column) -> assertEquals(DatabaseMetaData.columnNullable, (int) column.get("NULLABLE"),
                    tableName + "." + name + " is not mapped, so it must accept NULL"));

            assertEquals(new HashSet<>(ids), primaryKey(metaData, stored), tableName + " primary key");
            Set<List<String>> uniques = indexes(metaData, stored, true);
            Set<List<String>> allIndexes = indexes(metaData, stored, false);
            if (table != null) {
                for (UniqueConstraint unique : table.uniqueConstraints()) {
                    assertTrue(uniques.contains(upper(unique.columnNames())), tableName + " unique " + unique.name());
                }
                for (Index index : table.indexes()) {
                    assertTrue(allIndexes.contains(upper(index.columnList().split("\\s*,\\s*"))), tableName + " index " + index.name());
                }
            }
        }
    }

    private static void collect(Class<?> type, List<Mapped> mapped, List<String> ids) {
        collect(type, mapped, ids, Map.of());
    }

    /** @param overrides an embedded field's {@code @AttributeOverride}s, by attribute name */
    private static void collect(Class<?> type, List<Mapped> mapped, List<String> ids, Map<String, Column> overrides) {
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            if (field.isAnnotationPresent(ElementCollection.class) || field.isAnnotationPresent(PrimaryKeyJoinColumn.class)) {
                // Lives in a table of its own (a collection table, or an entity sharing this one's key); not a column here.
                continue;
            }
            if (field.isAnnotationPresent(Embedded.class)) {
                Map<String, Column> embeddedOverrides = new HashMap<>();
                AttributeOverrides many = field.getAnnotation(AttributeOverrides.class);
                for (AttributeOverride override : many == null ? new AttributeOverride[0] : many.value()) {
                    embeddedOverrides.put(override.name(), override.column());
                }
                collect(field.getType(), mapped, ids, embeddedOverrides);
                continue;
            }
            Column column = overrides.containsKey(field.getName()) ? overrides.get(field.getName()) : field.getAnnotation(Column.class);
            String name = (column != null && !column.name().isEmpty() ? column.name() : field.getName()).toUpperCase(Locale.ROOT);
            boolean id = field.isAnnotationPresent(Id.class);
            if (id) {
                ids.add(name);
            }
            boolean nullable = !id && (column == null || column.nullable());
            mapped.add(new Mapped(name, field.getType(), nullable, column == null ? 255 : column.length(),
                    field.isAnnotationPresent(Lob.class)));
        }
    }

    private static Set<Integer> family(Mapped field) {
        Class<?> type = field.type();
        if (type == String.class) {
            return field.lob() ? Set.of(Types.CLOB, Types.VARCHAR, Types.LONGVARCHAR) : Set.of(Types.VARCHAR);
        }
        if (type == byte[].class) {
            return Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);
        }
        if (type.isEnum()) {
            return Set.of(Types.VARCHAR);
        }
        if (type == Instant.class) {
            return Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        if (type == long.class || type == Long.class) {
            return Set.of(Types.BIGINT);
        }
        if (type == int.class || type == Integer.class) {
            return Set.of(Types.INTEGER);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Set.of(Types.SMALLINT, Types.BOOLEAN, Types.BIT);
        }
        throw new AssertionError("No column type family known for " + type + "; extend this test with the new mapping");
    }

    private static String storedName(DatabaseMetaData metaData, String table) throws SQLException {
        return metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table.toUpperCase(Locale.ROOT);
    }

    private static Map<String, Map<String, Object>> columns(DatabaseMetaData metaData, String table) throws SQLException {
        Map<String, Map<String, Object>> columns = new HashMap<>();
        try (ResultSet rows = metaData.getColumns(null, null, table, "%")) {
            while (rows.next()) {
                columns.put(rows.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), Map.of(
                        "NULLABLE", rows.getInt("NULLABLE"), "DATA_TYPE", rows.getInt("DATA_TYPE"),
                        "TYPE_NAME", rows.getString("TYPE_NAME"), "COLUMN_SIZE", rows.getInt("COLUMN_SIZE")));
            }
        }
        return columns;
    }

    private static Set<String> primaryKey(DatabaseMetaData metaData, String table) throws SQLException {
        Set<String> key = new HashSet<>();
        try (ResultSet rows = metaData.getPrimaryKeys(null, null, table)) {
            while (rows.next()) {
                key.add(rows.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return key;
    }

    private static Set<List<String>> indexes(DatabaseMetaData metaData, String table, boolean uniqueOnly) throws SQLException {
        Map<String, List<String>> byName = new HashMap<>();
        try (ResultSet rows = metaData.getIndexInfo(null, null, table, uniqueOnly, false)) {
            while (rows.next()) {
                if (rows.getString("COLUMN_NAME") != null) {
                    byName.computeIfAbsent(rows.getString("INDEX_NAME"), name -> new ArrayList<>())
                            .add(rows.getShort("ORDINAL_POSITION") - 1, rows.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                }
            }
        }
        return new HashSet<>(byName.values());
    }

    private static List<String> upper(String[] names) {
        return Arrays.stream(names).map(name -> name.trim().toUpperCase(Locale.ROOT)).toList();
    }

    /** Every {@code @Entity} class the build compiled. */
    private static List<Class<?>> entities() throws IOException {
        Path classes = Path.of("target/classes");
        List<Class<?>> entities = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, SchemaMatchesEntitiesTest.class.getClassLoader());
                    if (type.isAnnotationPresent(Entity.class)) {
                        entities.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("Cannot load " + name, e);
                }
            }
        }
        return entities;
    }
}
