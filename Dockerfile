# Production image of Tollgate on Open Liberty (Java 17 runtime).
#
#   ./mvnw -DskipTests package          # builds target/tollgate.war and the Derby and PostgreSQL driver jars
#   docker build -t tollgate .
#   docker run -p 9443:9443 \
#     -e TOLLGATE_IDENTITY_ISSUERS=https://acme.okta.com/oauth2/default \
#     -e TOLLGATE_CONNECTION_OKTA_URL=https://acme.okta.com \
#     -e TOLLGATE_CONNECTION_OKTA_API_TOKEN=... \
#     -e keystore_password=... \
#     -v tollgate-data:/opt/ol/wlp/usr/servers/defaultServer/derby \
#     tollgate
#
# The sandbox is off (the WAR's default). See README.md for every setting; for several servers on one
# PostgreSQL database add -e TOLLGATE_DATABASE=postgresql -e TOLLGATE_POSTGRESQL_URL=... -e TOLLGATE_POSTGRESQL_PASSWORD=...
# (docs/operations-multi-server.md).
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal

COPY --chown=1001:0 src/main/liberty/config/*.xml /config/
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/derby/ /opt/ol/wlp/usr/shared/resources/derby/
COPY --chown=1001:0 target/liberty/wlp/usr/shared/resources/postgresql/ /opt/ol/wlp/usr/shared/resources/postgresql/

# Installs exactly the features server.xml names.
RUN features.sh

COPY --chown=1001:0 target/tollgate.war /config/apps/tollgate.war

RUN configure.sh
