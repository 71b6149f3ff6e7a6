# Sourced by the bench scripts that run the assembled bin/neurite: sets HOME_DIR to the
# distribution under distribution/target/, building it first (mvn -pl distribution -am package)
# unless SKIP_BUILD=1 and one is there. MVN_ARGS adds Maven arguments, such as -o.
# Run from the repository's root.
HOME_DIR=$(ls -d distribution/target/neurite-*/ 2>/dev/null | head -1 || true)
if [[ -z "${SKIP_BUILD:-}" || -z "$HOME_DIR" ]]; then
  echo "building the distribution (mvn -pl distribution -am package) ..."
  # shellcheck disable=SC2086
  mvn -q -B ${MVN_ARGS:-} -pl distribution -am package -DskipTests
  HOME_DIR=$(ls -d distribution/target/neurite-*/ | head -1)
fi
