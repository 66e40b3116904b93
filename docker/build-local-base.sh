#!/usr/bin/env bash
# Builds the local stand-in for the image's published base (eclipse-temurin:17-jre) where no image
# registry is reachable: a Debian bookworm minbase root file system from Debian's own packages
# (debootstrap), trimmed, with a jlink'ed Java runtime holding only the modules the standalone jar
# needs (docker/jre-modules, checked against jdeps by the testcontainers module's JreModulesTest).
# The runtime sits where the Temurin image has it (/opt/java/openjdk), so the Dockerfile is the same
# for both bases.
#
#   docker/build-local-base.sh [--force]      # image: $FAKEYC_BASE_IMAGE (default fakeyc-local/jre:17-bookworm)
#
# Does nothing when the image exists, unless --force. Needs root, debootstrap, a JDK 17 with jmods
# (jlink), and a running Docker daemon.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${FAKEYC_BASE_IMAGE:-fakeyc-local/jre:17-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [[ "${1:-}" != "--force" ]] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-local-base: $image exists; --force rebuilds it"
  exit 0
fi

java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}"
jlink="$java_home/bin/jlink"
[[ -x "$jlink" && -d "$java_home/jmods" ]] || {
  echo "build-local-base: needs a JDK with jlink and jmods; set JAVA_HOME (tried $java_home)" >&2
  exit 2
}
release="$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "$release" == "17" ]] || { echo "build-local-base: JAVA_HOME is Java $release; the image runs Java 17" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

echo "build-local-base: debootstrap --variant=minbase bookworm ($mirror)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -30 "$work/debootstrap.log" >&2
  exit 1
}
# A runtime image needs no package caches, documentation, manuals or translations.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/var/log/*

echo "build-local-base: jlink $(cat "$here/jre-modules")"
mkdir -p "$root/opt/java"
"$jlink" --add-modules "$(tr -d ' \n' <"$here/jre-modules")" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$root/opt/java/openjdk"

tar -C "$root" -c . | docker import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
docker image ls "$image"
