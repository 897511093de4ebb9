# citebot in a container: build with the Maven wrapper, run on a JRE as a non-root user, data in a volume.
#   docker build -t citebot .
#   docker run -p 7070:7070 -v citebot-data:/data -v "$PWD/seeds:/articles:ro" -e CITEBOT_API_KEYS=... citebot
# The base images are arguments, so a registry mirror (or locally made images) can stand in for Docker Hub.
ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUN_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# dependencies first, so that a source change does not download them again
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B dependency:go-offline -DskipTests || true
COPY src/ src/
COPY bin/ bin/
COPY prompts/ prompts/
COPY seeds/ seeds/
COPY README.md ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B package -DskipTests \
 && mkdir /dist && tar -xzf target/citebot-*.tar.gz -C /dist --strip-components=1

FROM ${RUN_IMAGE}
RUN groupadd --system --gid 10001 citebot && useradd --system --uid 10001 --gid citebot --home-dir /data citebot \
 && mkdir -p /data /articles && chown citebot:citebot /data
COPY --from=build /dist/ /opt/citebot/
COPY --from=build /src/seeds/ /articles/
ENV CITEBOT_HOST=0.0.0.0 \
    CITEBOT_PORT=7070 \
    CITEBOT_DATA_DIR=/data \
    CITEBOT_SEEDS_DIR=/articles \
    CITEBOT_PROMPTS_DIR=/opt/citebot/prompts
USER citebot
WORKDIR /data
VOLUME ["/data"]
EXPOSE 7070
# /health over a plain TCP socket: the image needs no curl
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${CITEBOT_PORT} && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"status\":\"ok\"" <&3'
ENTRYPOINT ["/opt/citebot/bin/citebot"]
CMD ["serve"]
