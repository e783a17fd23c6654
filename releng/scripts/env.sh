# shellcheck shell=bash
# Sourced by the dxgscope build scripts: selects a JDK >= 21 and a Maven >= 3.9.9.
#
# JDK: $JAVA_HOME when it is new enough, otherwise the newest JDK >= 21 under /usr/lib/jvm.
# Maven: `mvn` on the PATH when it is >= 3.9.9, otherwise a copy bootstrapped once from Maven
# Central by the installed (older) mvn into $DXGSCOPE_CACHE (default ~/.cache/dxgscope).
# On failure each check prints one sentence saying what is missing and how to get it.

DXGSCOPE_MIN_JAVA=21
DXGSCOPE_MAVEN_VERSION=3.9.11
DXGSCOPE_CACHE=${DXGSCOPE_CACHE:-$HOME/.cache/dxgscope}

dxgs_die() {
    echo "dxgscope: $*" >&2
    exit 1
}

# Prints the feature version of the java binary in $1 (17, 21, 25, ...), or nothing.
dxgs_java_major() {
    local v
    v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    echo "${v%%.*}"
}

dxgs_select_java() {
    local candidate best="" best_major=0 major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(dxgs_java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge "$DXGSCOPE_MIN_JAVA" ]; then
            export JAVA_HOME
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [ -x "$candidate" ] || continue
        major=$(dxgs_java_major "$candidate")
        if [ "${major:-0}" -ge "$DXGSCOPE_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
            best=${candidate%/bin/java}
            best_major=$major
        fi
    done
    [ -n "$best" ] || dxgs_die "needs a JDK ${DXGSCOPE_MIN_JAVA} or newer (found none in JAVA_HOME or /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME to it."
    export JAVA_HOME=$best
}

# Returns 0 when the version string $1 is >= 3.9.9.
dxgs_maven_new_enough() {
    local major minor patch
    IFS=. read -r major minor patch <<<"$1"
    patch=${patch%%[^0-9]*}
    [ "${major:-0}" -gt 3 ] && return 0
    [ "${major:-0}" -eq 3 ] || return 1
    [ "${minor:-0}" -gt 9 ] && return 0
    [ "${minor:-0}" -eq 9 ] && [ "${patch:-0}" -ge 9 ]
}

dxgs_select_maven() {
    local version home="$DXGSCOPE_CACHE/apache-maven-$DXGSCOPE_MAVEN_VERSION"
    if [ -x "$home/bin/mvn" ]; then
        export DXGSCOPE_MVN="$home/bin/mvn"
        return 0
    fi
    if command -v mvn >/dev/null 2>&1; then
        version=$(mvn -v 2>/dev/null | sed -n 's/^.*Apache Maven \([0-9][0-9.]*\).*$/\1/p' | head -n 1)
        if dxgs_maven_new_enough "${version:-0}"; then
            export DXGSCOPE_MVN
            DXGSCOPE_MVN=$(command -v mvn)
            return 0
        fi
    else
        dxgs_die "needs Maven 3.9.9 or newer, or any older 'mvn' to bootstrap it from Maven Central; install one with 'apt-get install maven'."
    fi
    echo "dxgscope: installed Maven ${version:-?} is older than 3.9.9; bootstrapping Maven $DXGSCOPE_MAVEN_VERSION from Maven Central into $DXGSCOPE_CACHE" >&2
    mkdir -p "$DXGSCOPE_CACHE" || dxgs_die "cannot create $DXGSCOPE_CACHE; set DXGSCOPE_CACHE to a writable folder."
    # Run outside the project: the old Maven cannot load the project's Tycho build extension.
    if ! (cd "$DXGSCOPE_CACHE" && mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
        -Dartifact="org.apache.maven:apache-maven:$DXGSCOPE_MAVEN_VERSION:tar.gz:bin" \
        -DoutputDirectory="$DXGSCOPE_CACHE" -Dmdep.overWriteReleases=true >"$DXGSCOPE_CACHE/bootstrap.log" 2>&1); then
        dxgs_die "could not download Maven $DXGSCOPE_MAVEN_VERSION from Maven Central (log: $DXGSCOPE_CACHE/bootstrap.log); check network access to Maven Central."
    fi
    [ -x "$home/bin/mvn" ] || dxgs_die "the Maven $DXGSCOPE_MAVEN_VERSION archive did not unpack to $home (log: $DXGSCOPE_CACHE/bootstrap.log)."
    export DXGSCOPE_MVN="$home/bin/mvn"
}

dxgs_require_native_tools() {
    local tool
    for tool in cmake gcc make; do
        command -v "$tool" >/dev/null 2>&1 || dxgs_die "needs '$tool' to build native-probe/; install it with 'apt-get install cmake build-essential'."
    done
}

dxgs_select_java
dxgs_select_maven
dxgs_require_native_tools
export PATH="$JAVA_HOME/bin:$PATH"
