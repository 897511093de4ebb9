#!/usr/bin/env bash
# Builds the Dockerfile and runs the image on a machine without a container registry (how it was checked here):
# a Debian base made with debootstrap, the local JDK copied in, podman with runc. Needs root, Debian's packages
# and Maven Central. Usage: scripts/container-check.sh [JDK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
jdk="${1:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}"
command -v podman >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap; }
# in a sandbox without systemd and with hybrid cgroups (as here), crun refuses to start containers; runc works
if [[ ! -f /etc/containers/containers.conf ]]; then
  mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' > /etc/containers/containers.conf
fi
if ! podman image exists localhost/citebot-base-jdk:local; then
  rootfs="$(mktemp -d)"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  mkdir -p "$rootfs/opt/java" && cp -a "$jdk" "$rootfs/opt/java/openjdk"
  # Debian's JDK packages link cacerts to the system store, which a minimal image lacks
  cacerts="$rootfs/opt/java/openjdk/lib/security/cacerts"
  if [[ -L "$cacerts" ]]; then rm "$cacerts" && cp -L "$jdk/lib/security/cacerts" "$cacerts"; fi
  tar -C "$rootfs" -c . | podman import --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - localhost/citebot-base-jdk:local
fi
podman build --format docker --network=host --build-arg BUILD_IMAGE=localhost/citebot-base-jdk:local \
  --build-arg RUN_IMAGE=localhost/citebot-base-jdk:local -t localhost/citebot:check .
podman rm -f citebot-check >/dev/null 2>&1 || true
podman run -d --name citebot-check --network=host -e CITEBOT_PORT=7399 -v citebot-check-data:/data localhost/citebot:check
for _ in $(seq 60); do podman healthcheck run citebot-check >/dev/null 2>&1 && break; sleep 1; done
podman healthcheck run citebot-check && echo "healthy"
podman exec citebot-check id
curl -sf localhost:7399/api/chat -H 'Content-Type: application/json' -d '{"question": "What did Putin offer?"}' | head -c 200; echo
podman stop -t 20 citebot-check >/dev/null && podman rm citebot-check >/dev/null
