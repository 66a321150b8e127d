# Sourced by ./mvnw (POSIX sh). The project needs a JDK >= 21, but many machines default to an
# older `java`. Keep a JAVA_HOME that is new enough; otherwise pick the newest JDK >= 21 found
# in the usual places, so `./mvnw ...` works as written on a fresh machine.
mvnw_java_feature() {
  # prints the feature release (17, 21, 25, ...) of the java binary $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}
if [ -z "${JAVA_HOME-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(mvnw_java_feature "$JAVA_HOME/bin/java")" -lt 21 ]; then
  mvnw_best_home="" mvnw_best_version=0
  set +f # mvnw runs with globbing off
  for mvnw_candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$mvnw_candidate/bin/javac" ] || continue
    mvnw_version=$(mvnw_java_feature "$mvnw_candidate/bin/java")
    if [ "$mvnw_version" -ge 21 ] && [ "$mvnw_version" -gt "$mvnw_best_version" ]; then
      mvnw_best_home=$mvnw_candidate mvnw_best_version=$mvnw_version
    fi
  done
  set -f
  if [ -n "$mvnw_best_home" ]; then
    JAVA_HOME=$mvnw_best_home
    export JAVA_HOME
  fi
fi
