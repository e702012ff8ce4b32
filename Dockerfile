# Production image of Tollgate on Open Liberty (Java 17), built from a clean clone:
#
#   docker build -t tollgate .
#   docker run -p 9443:9443 \
#     -e TOLLGATE_IDENTITY_ISSUERS=https://acme.okta.com/oauth2/default \
#     -e TOLLGATE_CONNECTION_OKTA_URL=https://acme.okta.com \
#     -e TOLLGATE_CONNECTION_OKTA_API_TOKEN=... \
#     -e keystore_password=... \
#     -v tollgate-data:/opt/ol/wlp/output/defaultServer/derby \
#     tollgate
#
# The sandbox is off (the WAR's default). docs/operations.md explains installing, configuring,
# connecting a real Okta org, rotating keys, backing up and upgrading; README.md lists every setting.
# For several servers on one PostgreSQL database add -e TOLLGATE_DATABASE=postgresql
# -e TOLLGATE_POSTGRESQL_URL=... -e TOLLGATE_POSTGRESQL_PASSWORD=... (docs/operations-multi-server.md).

# The Liberty release the tests run on (pom.xml: openliberty.version).
ARG LIBERTY_VERSION=26.0.0.3

# --- Build: the WAR and the JDBC driver jars the server loads as a shared library.
FROM docker.io/library/maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
RUN mvn -B -q -DskipTests package \
    && mvn -B -q dependency:copy-dependencies -DincludeGroupIds=org.apache.derby \
       -DoutputDirectory=target/jdbc/derby -DstripVersion=true \
    && mvn -B -q dependency:copy-dependencies -DincludeGroupIds=org.postgresql -DincludeArtifactIds=postgresql \
       -DoutputDirectory=target/jdbc/postgresql -DstripVersion=true

# --- Run: the kernel image plus exactly the features server.xml names.
FROM icr.io/appcafe/open-liberty:${LIBERTY_VERSION}-kernel-slim-java17-openj9-ubi-minimal

COPY --chown=1001:0 src/main/liberty/config/*.xml /config/
# The database configurations' <library> elements read every jar in ${shared.resource.dir}/derby or /postgresql.
COPY --chown=1001:0 --from=build /build/target/jdbc/derby/ /opt/ol/wlp/usr/shared/resources/derby/
COPY --chown=1001:0 --from=build /build/target/jdbc/postgresql/ /opt/ol/wlp/usr/shared/resources/postgresql/

# Installs the features server.xml lists (servlet, JAX-RS, CDI, JPA, EJB timers, MicroProfile Config,
# OpenAPI, Health, Metrics...) from Maven Central.
RUN features.sh

COPY --chown=1001:0 --from=build /build/target/tollgate.war /config/apps/tollgate.war

RUN configure.sh

# Embedded Derby keeps its files under the server's output directory; mount a volume there (or use a
# shared database: see docs/operations.md).
VOLUME /opt/ol/wlp/output/defaultServer/derby
EXPOSE 9080 9443
