#!/usr/bin/env bash
# The image's root file system apart from the application (Jib adds that): a Java runtime made by jlink from the
# build's JDK, the shared libraries it needs from the build machine (the image has no base: `scratch`), the CA
# certificates, a passwd entry for the non-root user, and the writable folders. Run by `mvn -Pimage package`;
# with a JDK base image (-Djib.from.image=eclipse-temurin:17-jre) pass -Dimage.jlink=false: only the folders and the
# passwd entry are made, the base's Java is used.
#   build-runtime.sh <jdk home> <output folder> <jlink: true|false>
set -euo pipefail
jdk=$1
out=$(realpath -m "$2")
jlink=${3:-true}
rm -rf "$out"
mkdir -p "$out/etc" "$out/tmp" "$out/var/lib/corridor" "$out/var/lib/artemis"

# uid 10001, group 0: the writable folders are group 0 with group write, which also suits platforms that run the
# image under an arbitrary uid in group 0 (OpenShift)
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
corridor:x:10001:0:Corridor gateway:/var/lib/corridor:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
GROUP

# the health check of compose (the image has no shell or curl): HealthProbe.java, for Java 17
mkdir -p "$out/opt/corridor/probe"
"$jdk/bin/javac" --release 17 -d "$out/opt/corridor/probe" "$(dirname "$0")/HealthProbe.java"

[ "$jlink" = "true" ] || exit 0

java_home="$out/opt/java/openjdk"
# Modules: what Spring Boot, Tomcat, Camel, Artemis, H2/PostgreSQL, Batik/PDFBox (java.desktop, headless) and TLS
# to partners (jdk.crypto.*) use; jdk.jdwp.agent and the tools are left out.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi,\
java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,\
java.sql.rowset,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,\
jdk.localedata,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,\
jdk.unsupported,jdk.zipfs,jdk.httpserver
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --include-locales=en,fr,de,es,pt,ar \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$java_home"

# A Debian JDK keeps its CA certificates and security policy outside the JDK (symbolic links into /etc): put real
# copies into the runtime
for f in "$jdk"/lib/security/*; do
  name=$(basename "$f")
  rm -f "$java_home/lib/security/$name"
  cp -L "$f" "$java_home/lib/security/$name"
done
if [ -d "$jdk/conf/security" ]; then
  cp -rL "$jdk/conf/security/." "$java_home/conf/security/"
fi

# The C libraries the runtime links against (glibc, zlib, freetype for headless fonts ...), at the paths the
# loader finds them, with the loader itself. The X11 window, splash screen and sound libraries are never loaded by a
# headless server: their X11/ALSA dependencies are left out.
libs=$(find "$java_home" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
  ! -name libawt_xawt.so ! -name libsplashscreen.so ! -name libjsound.so -exec ldd {} \; 2>/dev/null \
  | awk '/=> \//{print $3} /^\s*\/[^ ]*ld-linux/{print $1}' | grep -v "^$out/" | sort -u)
for lib in $libs; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# /lib64 is where the amd64 loader is looked for (Debian keeps /lib64 -> usr/lib64 etc.)
loader=$(ldd "$java_home/bin/java" | awk '/ld-linux/{print $1}')
if [ -n "$loader" ] && [ ! -e "$out$loader" ]; then
  mkdir -p "$out$(dirname "$loader")"
  cp -L "$loader" "$out$loader"
fi
