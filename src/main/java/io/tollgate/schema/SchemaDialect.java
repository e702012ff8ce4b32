package io.tollgate.schema;

import java.util.Map;

/**
 * The column types that differ between the databases Tollgate supports, handed to the migrations as
 * Flyway placeholders ({@code ${clob}}, {@code ${blob}}, {@code ${boolean}}, {@code ${timestamp}}) so one script serves
 * both. The types are the ones EclipseLink maps the entities' fields to, except that PostgreSQL keeps
 * instants with their time zone, so servers in different zones read the same instant.
 */
enum SchemaDialect {

    DERBY("Apache Derby", Map.of("clob", "CLOB", "blob", "BLOB", "boolean", "SMALLINT", "timestamp", "TIMESTAMP")),
    POSTGRESQL("PostgreSQL", Map.of("clob", "TEXT", "blob", "BYTEA", "boolean", "BOOLEAN", "timestamp", "TIMESTAMP WITH TIME ZONE"));

    private final String productName;
    private final Map<String, String> placeholders;

    SchemaDialect(String productName, Map<String, String> placeholders) {
        this.productName = productName;
        this.placeholders = placeholders;
    }

    Map<String, String> placeholders() {
        return placeholders;
    }

    static SchemaDialect of(String databaseProductName) {
        for (SchemaDialect dialect : values()) {
            if (dialect.productName.equalsIgnoreCase(databaseProductName)) {
                return dialect;
            }
        }
        throw new IllegalStateException("Tollgate supports Apache Derby and PostgreSQL; jdbc/tollgate is " + databaseProductName);
    }

    @Override
    public String toString() {
        return productName;
    }
}
