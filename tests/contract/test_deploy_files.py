"""The deployment files agree with each other and with the code.

docker-compose.yml, the Dockerfiles, .dockerignore, deploy/postgres, deploy/rabbitmq, the
Kubernetes manifests in deploy/k8s and the services' package data are only read here (no Docker
engine, no cluster): names, selectors, ports, commands and the environment every service process
needs must line up.
"""
from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
import shlex
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SERVICE_DOCKERFILE = ROOT / "deploy" / "service.Dockerfile"  # every service's image, by the SERVICE build arg
K8S_DIR = ROOT / "deploy" / "k8s"
SERVICES = ("profiles", "booking", "billing")
# What every service process reads (shared/rapport_shared/config.py); each service also reads
# <SERVICE>_DATABASE_URL, and profiles PROFILES_JWT_PRIVATE_KEY_FILE.
COMMON_ENV = ("AMQP_URL", "AMQP_NAMESPACE", "JWT_ISSUER", "JWT_AUDIENCE", "JWT_PUBLIC_KEY_FILE", "RAPPORT_VAR_DIR")
WEB_PORT = 8000


# A setting the code reads with no default (or with a loopback address as its default, which
# never reaches another container) must be provided; one with any other default may stay unset.
# Exceptions, each with its reason:
DEFAULT_IS_FINE = {
    "BILLING_INSURERS_FILE": "unset, billing reads the insurers list shipped in its package (billing/data)",
}
# Needed settings the deployment files cannot provide yet: each shows as an xfail with this reason
# in every run's summary, until it is provided.
KNOWN_GAPS: dict[str, str] = {}
_LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|::1)(:\d+)?$")
# A read of a variable by its literal name (group 1), or by the service's prefix and a literal rest
# (group 2, settings' `f"{service.upper()}_..."`); group 3 is what closes the name: "," (a default
# follows), ")" or "]".
_READ = re.compile(r"""\b(?:environ\.get|getenv|environ\[)\(?\s*(?:["']([A-Z][A-Z0-9_]*)["']"""
                   r"""|f["']\{service\.upper\(\)\}_([A-Z0-9_]+)["'])\s*([,)\]])""")
_DEFAULT = re.compile(r"""\s*(?:["']([^"']*)["']|([A-Za-z_][A-Za-z0-9_]*))""")  # a literal or a name


def default_of(text: str, end: int, closer: str) -> str | None:
    """The default of a read ending at `end`: the second argument or what follows `or`, as a
    string; "" for an expression (a default, but not a literal); None for no default at all."""
    rest = text[end:]
    if closer == ")":
        # `environ.get(X) or default`, or `flag(environ.get(X), default)`
        following = re.match(r"\s*(?:or\b|,)", rest)
        if not following:
            return None
        rest = rest[following.end():]
    elif closer != ",":
        return None
    literal = _DEFAULT.match(rest)
    if not literal:
        return ""
    if literal.group(1) is not None:
        return literal.group(1)
    if literal.group(2) == "None":
        return None
    constant = re.search(rf"""^{literal.group(2)}\s*=\s*["']([^"']*)["']""", text, re.MULTILINE)
    return constant.group(1) if constant else ""


def is_loopback(value: str) -> bool:
    host = urlsplit(value).netloc.rsplit("@", 1)[-1] if "://" in value else value
    return bool(_LOOPBACK.match(host))


def env_names_needed_by(service: str) -> set[str]:
    """Variables a service's code (or the shared package) reads and needs set in a container:
    read with no default, or with a loopback default."""
    names = set()
    sources = [*(ROOT / "shared" / "rapport_shared").rglob("*.py"), *(ROOT / "services" / service).rglob("*.py")]
    for path in sources:
        text = path.read_text(errors="replace")
        for match in _READ.finditer(text):
            name = match.group(1) or f"{service.upper()}_{match.group(2)}"
            default = default_of(text, match.end(), match.group(3))
            if default is None or is_loopback(default):
                names.add(name)
    return names


def required_env(service: str) -> set[str]:
    names = set(COMMON_ENV) | {f"{service.upper()}_DATABASE_URL"}
    if service == "profiles":
        names.add("PROFILES_JWT_PRIVATE_KEY_FILE")
    return names


def other_database_urls(service: str) -> set[str]:
    return {f"{other.upper()}_DATABASE_URL" for other in SERVICES if other != service}


# --- readers ------------------------------------------------------------------------------------
@cache
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def compose_services() -> dict[str, dict]:
    return compose()["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # ["NAME=value", ...]
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {name: ("" if value is None else str(value)) for name, value in env.items()}


def depends_on(service: dict) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def command_text(service: dict) -> str:
    command = service.get("command")
    if command is None:
        return ""
    return command if isinstance(command, str) else shlex.join(command)


def volume_mounts(service: dict) -> list[tuple[str, str, bool]]:
    """(source, target, read_only) for each of the service's volumes, short or long syntax."""
    mounts = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            parts = volume.split(":")
            source, target = parts[0], parts[1]
            mounts.append((source, target, len(parts) > 2 and "ro" in parts[2].split(",")))
        else:
            mounts.append((volume.get("source", ""), volume["target"], bool(volume.get("read_only"))))
    return mounts


def build_of(service: dict) -> tuple[Path, Path] | None:
    """(context dir, Dockerfile) of a service built here, None for a pulled image."""
    build = service.get("build")
    if build is None:
        return None
    if isinstance(build, str):
        build = {"context": build}
    context = (COMPOSE_FILE.parent / build.get("context", ".")).resolve()
    return context, (context / build.get("dockerfile", "Dockerfile")).resolve()


def build_args(service: dict) -> dict[str, str]:
    build = service.get("build")
    args = (build.get("args") or {}) if isinstance(build, dict) else {}
    if isinstance(args, list):  # ["NAME=value", ...]
        args = dict(item.split("=", 1) for item in args)
    return {name: str(value) for name, value in args.items()}


def app_service_of(service: dict) -> str | None:
    """Which Rapport service's image a compose service runs (the SERVICE it is built with), if any.
    The console is built from the same Dockerfile but is a client of the API, not a service."""
    built = build_of(service)
    if built is None or built[1] != SERVICE_DOCKERFILE:
        return None
    svc = build_args(service).get("SERVICE")
    return svc if svc in SERVICES else None


GUNICORN_CONFIG = "python:rapport_shared.gunicorn_config"


def test_every_gunicorn_runs_the_one_config():
    """Workers, threads, timeouts and the freeze after start-up are the same locally, in compose and in k8s."""
    commands = [line.split(":", 1)[1] for line in (ROOT / "deploy/local/Procfile").read_text().splitlines()
                if "gunicorn " in line]
    commands += [command_text(service) for service in compose_services().values()
                 if "gunicorn" in command_text(service)]
    commands += [m.group(0) for path in (ROOT / "deploy/k8s").glob("*.yaml")
                 for m in re.finditer(r'command: \[\s*"gunicorn"[^\]]*\]', path.read_text())]
    assert len(commands) >= 5
    for command in commands:
        assert re.search(rf'--config"?,?\s*"?{re.escape(GUNICORN_CONFIG)}', command), command


def test_the_console_runs_the_admin_package_behind_the_gateway():
    services = compose_services()
    console = services["console"]
    assert build_of(console)[1] == SERVICE_DOCKERFILE and build_args(console)["SERVICE"] == "admin"
    assert "rapport_admin.web:create_app()" in command_text(console)
    assert environment(console)["CONSOLE_GATEWAY_URL"].startswith("http://gateway:")
    gateway = services["gateway"]
    assert environment(gateway)["CONSOLE_UPSTREAM"] == "console:8000"
    assert "console" in (gateway.get("depends_on") or {})


def app_services() -> dict[str, tuple[str, dict]]:
    """compose name -> (Rapport service, definition) for every container of a service image."""
    found = {}
    for name, service in compose_services().items():
        svc = app_service_of(service)
        if svc:
            found[name] = (svc, service)
    return found


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue  # a comment inside a continued instruction
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    if current:
        logical.append(current)
    result = []
    for line in logical:
        instruction, _, arguments = line.partition(" ")
        result.append((instruction.upper(), arguments.strip()))
    return result


def expand(text: str, variables: dict[str, str]) -> str:
    """$NAME and ${NAME} replaced as docker does; an unknown name is left as it is, to show."""
    return re.sub(r"\$\{(\w+)\}|\$(\w+)",
                  lambda m: variables.get(m.group(1) or m.group(2), m.group(0)), text)


def dockerfile_variables(instructions, args: dict[str, str] | None = None) -> dict[str, str]:
    """ARG and ENV values of the image built with these build args (an ENV may use an ARG)."""
    args = args or {}
    variables: dict[str, str] = {}
    for instruction, arguments in instructions:
        if instruction == "ARG":
            name, _, default = arguments.partition("=")
            if name in args or default:
                variables[name] = args.get(name, default)
        elif instruction == "ENV":
            for token in shlex.split(arguments):
                if "=" in token:
                    name, value = token.split("=", 1)
                    variables[name] = expand(value, variables)
    return variables


def dockerfile_env(instructions, args: dict[str, str] | None = None) -> dict[str, str]:
    names = {token.split("=", 1)[0] for instruction, arguments in instructions if instruction == "ENV"
             for token in shlex.split(arguments)}
    return {name: value for name, value in dockerfile_variables(instructions, args).items() if name in names}


def dockerfile_copies(instructions, args: dict[str, str] | None = None) -> list[tuple[list[str], str]]:
    """(sources, destination) of every COPY/ADD from the build context, build args expanded."""
    variables = dockerfile_variables(instructions, args)
    copies = []
    for instruction, arguments in instructions:
        if instruction not in ("COPY", "ADD"):
            continue
        tokens = json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)
        flags = [t for t in tokens if t.startswith("--")]
        if any(flag.startswith("--from") for flag in flags):
            continue
        paths = [expand(t, variables) for t in tokens if not t.startswith("--")]
        copies.append((paths[:-1], paths[-1]))
    return copies


def dockerfile_cmd(instructions) -> list[str]:
    commands = [arguments for instruction, arguments in instructions if instruction == "CMD"]
    assert commands, "no CMD"
    assert commands[-1].startswith("["), "CMD should be in exec (JSON) form, so signals reach the process"
    return json.loads(commands[-1])


def dockerfile_process(instructions, args: dict[str, str] | None = None) -> list[str]:
    """The command line the CMD runs: a `sh -c "exec ..."` CMD read as the command it execs, with
    the image's variables expanded as that shell would."""
    cmd = dockerfile_cmd(instructions)
    if cmd[:2] != ["sh", "-c"]:
        return cmd
    assert cmd[2].startswith("exec "), "the shell should exec the server, so signals reach it"
    variables = dockerfile_variables(instructions, args)
    return [expand(token, variables) for token in shlex.split(cmd[2].removeprefix("exec "))]


def dockerignore_patterns() -> list[str]:
    path = ROOT / ".dockerignore"
    lines = path.read_text().splitlines() if path.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _pattern_regex(pattern: str) -> re.Pattern:
    pattern = posixpath.normpath(pattern.lstrip("/"))
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i:end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def dockerignored(relative: str) -> bool:
    """Whether docker would leave this path (or a folder above it) out of the build context."""
    parts = relative.strip("/").split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        regex = _pattern_regex(pattern[1:] if negate else pattern)
        if any(regex.fullmatch(candidate) for candidate in candidates):
            excluded = not negate
    return excluded


def amqp_password_hash_matches(password: str, stored: str) -> bool:
    """RabbitMQ's rabbit_password_hashing_sha256: base64(salt[4] + sha256(salt + password))."""
    raw = base64.b64decode(stored)
    salt, digest = raw[:4], raw[4:]
    return hashlib.sha256(salt + password.encode()).digest() == digest


# --- docker-compose.yml -----------------------------------------------------------------------
def test_compose_file_has_every_process():
    services = compose_services()
    expected = {"postgres", "rabbitmq", "keys", "gateway"}
    for svc in SERVICES:
        expected |= {svc, f"{svc}-worker", f"{svc}-migrate"}
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"
    assert "version" not in compose(), "Compose spec: no `version:` key"


def test_every_build_context_and_dockerfile_exists():
    images: dict[str, tuple[Path, list[tuple[str, str]]]] = {}
    for name, service in compose_services().items():
        built = build_of(service)
        if built is None:
            assert service.get("image"), f"{name}: neither build nor image"
            continue
        context, dockerfile = built
        assert context == ROOT, f"{name}: the build context must be the repository root"
        assert dockerfile.is_file(), f"{name}: {dockerfile} does not exist"
        image = service.get("image")
        if image:  # one tag, one build: otherwise the last build wins
            build = (dockerfile, sorted(build_args(service).items()))
            assert images.setdefault(image, build) == build, f"{name}: {image} built two ways"


def test_every_depends_on_target_exists_and_its_condition_can_be_met():
    services = compose_services()
    for name, service in services.items():
        for target, condition in depends_on(service).items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
            assert condition in ("service_started", "service_healthy", "service_completed_successfully")
            if condition == "service_healthy":
                assert services[target].get("healthcheck"), \
                    f"{name} waits for {target} to be healthy: it has no healthcheck"
            if condition == "service_completed_successfully":
                assert services[target].get("restart", "no") == "no", f"{target} is a one-shot: it must not restart"


def test_depends_on_has_no_cycle():
    services = compose_services()
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        assert state.get(name) != "visiting", f"dependency cycle: {' -> '.join(path + [name])}"
        state[name] = "visiting"
        for target in depends_on(services[name]):
            visit(target, path + [name])
        state[name] = "done"

    for name in services:
        visit(name, [])


def test_startup_order():
    services = compose_services()
    for svc in SERVICES:
        migrate = depends_on(services[f"{svc}-migrate"])
        assert migrate.get("postgres") == "service_healthy"
        assert migrate.get("rabbitmq") == "service_healthy", "declare-queues needs the broker"
        for process in (svc, f"{svc}-worker"):
            deps = depends_on(services[process])
            assert deps.get("postgres") == "service_healthy", process
            assert deps.get("rabbitmq") == "service_healthy", process
            assert deps.get(f"{svc}-migrate") == "service_completed_successfully", process
            assert deps.get("keys") == "service_completed_successfully", process
        # A worker's relay publishes to other services' queues: every one-shot has declared
        # its queues before any worker starts (as deploy/local/stack.py prepares).
        worker = depends_on(services[f"{svc}-worker"])
        for other in SERVICES:
            assert worker.get(f"{other}-migrate") == "service_completed_successfully", f"{svc}-worker, {other}"
    gateway = depends_on(services["gateway"])
    for svc in SERVICES:
        assert gateway.get(svc) == "service_healthy", "nginx resolves upstream names once, at start"


@pytest.mark.parametrize("svc", SERVICES)
def test_every_container_of_a_service_has_the_environment_it_needs(svc):
    containers = {name: service for name, (owner, service) in app_services().items() if owner == svc}
    assert containers, f"no container runs the {svc} image"
    for name, service in containers.items():
        env = environment(service)
        missing = required_env(svc) - {key for key, value in env.items() if value}
        assert not missing, f"{name}: missing {sorted(missing)}"
        assert not other_database_urls(svc) & set(env), f"{name}: sees another service's database"


@pytest.mark.parametrize("svc", SERVICES)
def test_every_setting_the_code_needs_is_provided(svc):
    """Every variable the code needs (env_names_needed_by) is set for the service's long-running
    processes in docker-compose.yml and in deploy/k8s."""
    needed = env_names_needed_by(svc) - set(DEFAULT_IS_FINE)
    assert f"{svc.upper()}_DATABASE_URL" in needed, "the scan of the code missed the database URL: is it out of date?"
    unset = set()
    services = compose_services()
    for name in (svc, f"{svc}-worker"):
        unset |= {f"compose {name}: {var}" for var in needed - set(environment(services[name]))}
    deployments = k8s_objects("Deployment")
    for name in (svc, f"{svc}-worker"):
        for container in pod_spec(deployments[name])["containers"]:
            unset |= {f"k8s {name}: {var}" for var in needed - container_env_names(container)}
    gaps = {entry for entry in unset if entry.rsplit(": ", 1)[1] in KNOWN_GAPS}
    assert not unset - gaps, f"set these (or list them in DEFAULT_IS_FINE with why): {sorted(unset - gaps)}"
    if gaps:
        pytest.xfail("; ".join(sorted({f"{var}: {KNOWN_GAPS[var]}" for var in (e.rsplit(": ", 1)[1] for e in gaps)})))


@pytest.mark.parametrize("svc", SERVICES)
def test_each_service_has_its_own_database(svc):
    services = compose_services()
    url = urlsplit(environment(services[svc])[f"{svc.upper()}_DATABASE_URL"])
    assert url.scheme in ("postgresql", "postgres", "postgresql+psycopg")
    assert url.hostname in services, f"database host {url.hostname} is not a compose service"
    assert url.path.lstrip("/") == svc, "one database per service, named after it"
    postgres_env = environment(services[url.hostname])
    assert url.username == postgres_env["POSTGRES_USER"] and url.password == postgres_env["POSTGRES_PASSWORD"]
    # The database is created on first boot by an init script the postgres service mounts.
    created = set()
    for source, target, _ in volume_mounts(services[url.hostname]):
        if target.startswith("/docker-entrypoint-initdb.d") and source.startswith("."):
            script = (COMPOSE_FILE.parent / source).resolve()
            assert script.is_file(), f"{source} does not exist"
            created |= set(re.findall(r"CREATE DATABASE\s+\"?(\w+)", script.read_text(), re.IGNORECASE))
    created.add(postgres_env.get("POSTGRES_DB", postgres_env["POSTGRES_USER"]))
    assert svc in created, f"nothing creates the {svc} database"


def test_broker_url_points_at_the_rabbitmq_service_and_its_definitions():
    services = compose_services()
    urls = {environment(service)["AMQP_URL"] for _, service in app_services().values()}
    assert len(urls) == 1, f"every container should use the same broker URL: {urls}"
    url = urlsplit(urls.pop())
    assert url.scheme == "amqp" and url.hostname == "rabbitmq" and (url.port or 5672) == 5672
    rabbitmq = services["rabbitmq"]
    mounts = {target: source for source, target, _ in volume_mounts(rabbitmq)}
    conf_targets = [t for t in mounts if t == "/etc/rabbitmq/rabbitmq.conf" or t.startswith("/etc/rabbitmq/conf.d/")]
    assert conf_targets, "rabbitmq.conf is not mounted"
    conf = (COMPOSE_FILE.parent / mounts[conf_targets[0]]).read_text()
    load = re.search(r"^\s*(?:management\.)?load_definitions\s*=\s*(\S+)", conf, re.MULTILINE)
    assert load, "rabbitmq.conf does not load definitions"
    assert load.group(1) in mounts, f"{load.group(1)} is not mounted into the rabbitmq container"
    definitions = json.loads((COMPOSE_FILE.parent / mounts[load.group(1)]).read_text())
    vhost = unquote(url.path.lstrip("/")) or "/"
    assert vhost in {v["name"] for v in definitions["vhosts"]}
    users = {user["name"]: user for user in definitions["users"]}
    assert url.username in users, f"definitions.json has no user {url.username}"
    user = users[url.username]
    if "password_hash" in user:
        assert user.get("hashing_algorithm") == "rabbit_password_hashing_sha256"
        assert amqp_password_hash_matches(unquote(url.password), user["password_hash"]), \
            "AMQP_URL password does not match"
    else:
        assert user.get("password") == unquote(url.password)
    granted = [p for p in definitions["permissions"] if p["user"] == url.username and p["vhost"] == vhost]
    assert granted and all(granted[0][k] for k in ("configure", "write", "read")), "services declare their own topology"


def test_signing_keys_volume_is_written_by_keys_only():
    services = compose_services()
    assert "keys" in (compose().get("volumes") or {}), "named volume `keys` is not declared"
    keys_service = services["keys"]
    assert "rapport-profiles keys" in command_text(keys_service)
    for name, (svc, service) in app_services().items():
        env = environment(service)
        key_dirs = {posixpath.dirname(env["JWT_PUBLIC_KEY_FILE"])}
        if svc == "profiles":
            key_dirs.add(posixpath.dirname(env["PROFILES_JWT_PRIVATE_KEY_FILE"]))
        mounts = [(target, read_only) for source, target, read_only in volume_mounts(service) if source == "keys"]
        assert mounts, f"{name} does not mount the keys volume"
        assert {target for target, _ in mounts} == key_dirs, f"{name}: key files are not in the keys volume"
        assert all(read_only == (name != "keys") for _, read_only in mounts), \
            f"{name}: only `keys` may write the keys volume"
        assert posixpath.dirname(mounts[0][0]) == env["RAPPORT_VAR_DIR"], f"{name}: keys outside RAPPORT_VAR_DIR"


@pytest.mark.parametrize("svc", SERVICES)
def test_commands_and_healthchecks(svc):
    services = compose_services()
    migrate = command_text(services[f"{svc}-migrate"])
    steps = [f"rapport-{svc} migrate", f"rapport-{svc} declare-queues", f"rapport-{svc} seed-demo"]
    assert all(step in migrate for step in steps), f"{svc}-migrate should run {steps}"
    assert [migrate.index(step) for step in steps] == sorted(migrate.index(step) for step in steps)
    assert "&&" in migrate or len(steps) == 1, "stop at the first failing step"
    assert command_text(services[f"{svc}-worker"]) == f"rapport-{svc} worker"
    web = services[svc]
    assert command_text(web) == "" or "gunicorn" in command_text(web)
    test = web["healthcheck"]["test"]
    text = test if isinstance(test, str) else " ".join(test)
    assert "urllib" in text and f":{WEB_PORT}/healthz" in text


def test_gateway_listens_on_8080_and_proxies_to_the_web_services():
    services = compose_services()
    gateway = services["gateway"]
    ports = [str(p) if not isinstance(p, dict) else f"{p.get('published')}:{p['target']}" for p in gateway["ports"]]
    assert "8080:8080" in ports
    env = environment(gateway)
    assert env["GATEWAY_LISTEN"].rsplit(":", 1)[-1] == "8080"
    for svc in SERVICES:
        host, port = env[f"{svc.upper()}_UPSTREAM"].rsplit(":", 1)
        assert host == svc and host in services and int(port) == WEB_PORT


def test_compose_config_is_valid_for_the_compose_cli():
    """`docker compose config -q` (or docker-compose v1) accepts the file; no engine needed."""
    candidates = []
    if shutil.which("docker"):
        candidates.append(["docker", "compose"])
    if shutil.which("docker-compose"):
        candidates.append(["docker-compose"])
    working = None
    for candidate in candidates:
        try:
            probe = subprocess.run(candidate + ["version"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            working = candidate
            break
    if working is None:
        pytest.skip("no working `docker compose` or `docker-compose` on PATH "
                    "(Debian: apt-get install docker-compose) to validate docker-compose.yml with")
    result = subprocess.run(working + ["-f", str(COMPOSE_FILE), "config", "-q"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{shlex.join(working)} config -q failed:\n{result.stderr}"


# --- Dockerfiles, .dockerignore and package data -----------------------------------------------
def all_builds() -> list[tuple[Path, dict[str, str]]]:
    """Every (Dockerfile, build args) compose builds."""
    builds = {(built[1], tuple(sorted(build_args(service).items())))
              for service in compose_services().values() if (built := build_of(service))}
    return [(dockerfile, dict(args)) for dockerfile, args in sorted(builds)]


def build_id(build: tuple[Path, dict[str, str]]) -> str:
    dockerfile, args = build
    return " ".join([dockerfile.relative_to(ROOT).as_posix()] + [f"{k}={v}" for k, v in args.items()])


@pytest.mark.parametrize("build", all_builds(), ids=build_id)
def test_dockerfile_basics(build):
    dockerfile, args = build
    instructions = dockerfile_instructions(dockerfile)
    froms = [arguments for instruction, arguments in instructions if instruction == "FROM"]
    assert froms and froms[0].split()[0] == "python:3.11-slim"
    assert dockerfile_env(instructions).get("PIP_NO_CACHE_DIR") == "1"
    for instruction, arguments in instructions:
        if instruction == "ARG" and "=" not in arguments:
            assert arguments in args, f"build arg {arguments} has no default and compose does not give it"
    users = [arguments for instruction, arguments in instructions if instruction == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "run as a non-root user"
    assert users[-1].split(":")[0].isdigit(), "numeric USER, so Kubernetes' runAsNonRoot can verify it"
    for sources, _ in dockerfile_copies(instructions, args):
        for source in sources:
            path = ROOT / source
            if source == "constraints.txt" and not path.exists():
                pytest.fail("constraints.txt is missing: the images install with `pip install -c constraints.txt`")
            assert path.exists(), f"COPY {source}: not in the build context"
            assert not dockerignored(source), f"COPY {source}: excluded by .dockerignore"


def pip_install(instructions, args: dict[str, str]) -> list[str]:
    """The last `pip install` command line, build args expanded as the RUN shell would."""
    installs = [step for instruction, arguments in instructions if instruction == "RUN"
                for step in arguments.split("&&") if "pip install" in step]
    assert installs, "no pip install"
    return [expand(token, args) for token in shlex.split(installs[-1])]


@pytest.mark.parametrize("svc", SERVICES)
def test_service_image_installs_and_runs_the_service(svc):
    instructions = dockerfile_instructions(SERVICE_DOCKERFILE)
    args = {"SERVICE": svc}
    copies = dockerfile_copies(instructions, args)
    # pip installs the copies by their paths under WORKDIR: the tree keeps its shape there.
    for source in ("shared/", f"services/{svc}/", "constraints.txt"):
        assert any(source in sources and destination.rstrip("/") in (source.rstrip("/"), ".", "./")
                   for sources, destination in copies), f"COPY {source} to the same relative place"
    install = pip_install(instructions, args)
    assert "-c" in install and install[install.index("-c") + 1] == "constraints.txt"
    assert not {"-e", "--editable"} & set(install), \
        "a regular install: the code reads its migrations and data as resources of the installed package"
    packages = {posixpath.normpath(token) for token in install[install.index("install") + 1:]
                if not token.startswith("-") and token != "constraints.txt"}
    assert packages == {"shared", f"services/{svc}"}
    exposed = {port for instruction, arguments in instructions if instruction == "EXPOSE" for port in arguments.split()}
    assert str(WEB_PORT) in exposed
    process = dockerfile_process(instructions, args)
    assert process[0] == "gunicorn" and f"{svc}:create_app()" in process, process
    assert process[process.index("--bind") + 1] == f"0.0.0.0:{WEB_PORT}"
    assert process[process.index("--config") + 1] == GUNICORN_CONFIG, "the image runs the one gunicorn config"
    var_dir = environment(compose_services()[svc])["RAPPORT_VAR_DIR"]
    assert dockerfile_env(instructions, args).get("RAPPORT_VAR_DIR") == var_dir


@pytest.mark.parametrize("svc", SERVICES)
def test_package_ships_its_migrations_and_data_files(svc):
    """A regular install (the image's) carries every file the package reads as a resource: its
    migrations ("<svc>:migrations") and every other non-Python file, by pyproject's package-data."""
    project = ROOT / "services" / svc
    migrations = project / svc / "migrations"
    for required in ("__init__.py", "env.py", "script.py.mako", "versions/__init__.py"):
        assert (migrations / required).is_file(), f"{svc}:migrations has no {required}"
    assert list((migrations / "versions").glob("[0-9]*.py")), f"{svc}:migrations has no revisions"
    setuptools = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["setuptools"]
    shipped: set[Path] = set()
    for package, patterns in (setuptools.get("package-data") or {}).items():
        for pattern in patterns:
            matched = set((project / package.replace(".", "/")).glob(pattern))
            assert matched, f"package-data {package}: {pattern} matches no file"
            shipped |= matched
    data_files = {path for path in (project / svc).rglob("*") if path.is_file()
                  and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts}
    missing = sorted(path.relative_to(project).as_posix() for path in data_files - shipped)
    assert not missing, f"not in {svc}'s package-data, so left out of the image: {missing}"


def test_gateway_dockerfile_renders_then_runs_nginx():
    instructions = dockerfile_instructions(ROOT / "deploy" / "gateway" / "Dockerfile")
    runs = " ".join(arguments for instruction, arguments in instructions if instruction == "RUN")
    assert re.search(r"apt-get install\b.*\bnginx", runs), "nginx from Debian"
    assert "swagger-ui-bundle" in runs, "render.py imports swagger_ui_bundle for the /docs assets"
    assert any("deploy/gateway/" in sources for sources, _ in dockerfile_copies(instructions))
    command = " ".join(dockerfile_cmd(instructions))
    assert "render.py" in command and "exec nginx" in command and "daemon off;" in command
    exposed = {port for instruction, arguments in instructions if instruction == "EXPOSE" for port in arguments.split()}
    listen = environment(compose_services()["gateway"])["GATEWAY_LISTEN"].rsplit(":", 1)[-1]
    assert listen in exposed


def test_dockerignore_keeps_local_state_out():
    for path in (".venv", "var", ".git", "services/profiles/profiles/__pycache__", ".pytest_cache",
                 "shared/rapport_shared.egg-info", "var/keys/jwt-private.pem", "services/billing/build/lib"):
        assert dockerignored(path), f"{path} would be sent to the docker daemon"
    for path in ("shared/rapport_shared/config.py", "services/booking/booking/migrations/env.py",
                 "services/booking/booking/migrations/script.py.mako", "services/billing/billing/data/insurers.json",
                 "deploy/gateway/render.py"):
        assert not dockerignored(path), f"{path} is needed by an image"


# --- deploy/k8s ----------------------------------------------------------------------------------
@cache
def k8s_documents() -> tuple[tuple[str, dict], ...]:
    """(file name, object) for every Kubernetes object in deploy/k8s (kustomization excluded)."""
    docs = []
    for path in sorted(K8S_DIR.glob("*.y*ml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                docs.append((path.name, doc))
    return tuple(docs)


def k8s_objects(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for _, doc in k8s_documents() if doc["kind"] == kind}


def selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(key) == value for key, value in selector.items())


def pod_spec(obj: dict) -> dict:
    return obj["spec"]["template"]["spec"]


def container_env_names(container: dict) -> set[str]:
    names = {item["name"] for item in container.get("env") or []}
    config_maps, secrets = k8s_objects("ConfigMap"), k8s_objects("Secret")
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            names |= set(config_maps[source["configMapRef"]["name"]].get("data") or {})
        if "secretRef" in source:
            secret = secrets[source["secretRef"]["name"]]
            names |= set(secret.get("stringData") or {}) | set(secret.get("data") or {})
    return names


def container_env_value(container: dict, name: str) -> str | None:
    for item in container.get("env") or []:
        if item["name"] == name and "value" in item:
            return item["value"]
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            data = k8s_objects("ConfigMap")[source["configMapRef"]["name"]].get("data") or {}
            if name in data:
                return data[name]
    return None


def test_k8s_objects_are_well_formed_and_in_one_namespace():
    namespaces = k8s_objects("Namespace")
    assert len(namespaces) == 1
    namespace = next(iter(namespaces))
    seen = set()
    for file_name, doc in k8s_documents():
        assert doc.get("apiVersion") and doc.get("kind") and doc.get("metadata", {}).get("name"), file_name
        key = (doc["kind"], doc["metadata"]["name"])
        assert key not in seen, f"{file_name}: {key} defined twice"
        seen.add(key)
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == namespace, f"{file_name}: {key} not in {namespace}"


def test_kustomization_lists_every_manifest_but_the_secret_template():
    kustomization = yaml.safe_load((K8S_DIR / "kustomization.yaml").read_text())
    resources = kustomization["resources"]
    for resource in resources:
        assert (K8S_DIR / resource).is_file(), f"kustomization lists missing {resource}"
    manifests = {p.name for p in K8S_DIR.glob("*.yaml")} - {"kustomization.yaml"}
    templates = {name for name in manifests if ".example." in name}
    assert templates, "a Secret template (placeholders) is expected"
    assert set(resources) == manifests - templates
    assert kustomization.get("namespace") == next(iter(k8s_objects("Namespace")))


def test_secret_template_holds_placeholders_only():
    for file_name, doc in k8s_documents():
        if doc["kind"] == "Secret":
            assert ".example." in file_name, f"{file_name}: real Secrets do not belong in the repository"
            for key, value in (doc.get("stringData") or {}).items():
                assert "CHANGE_ME" in value, f"{doc['metadata']['name']}.{key} is not a placeholder"
            assert not doc.get("data"), "placeholders go in stringData"


def test_deployment_selectors_match_their_pods_and_no_other():
    deployments = k8s_objects("Deployment")
    for name, deployment in deployments.items():
        selector = deployment["spec"]["selector"]["matchLabels"]
        assert selects(selector, deployment["spec"]["template"]["metadata"]["labels"]), name
        for other_name, other in deployments.items():
            if other_name != name:
                assert not selects(selector, other["spec"]["template"]["metadata"]["labels"]), \
                    f"{name}'s selector also matches {other_name}'s pods"


def test_every_service_selects_one_deployment_and_a_real_port():
    deployments = k8s_objects("Deployment")
    for name, service in k8s_objects("Service").items():
        selector = service["spec"]["selector"]
        matched = [d for d in deployments.values() if selects(selector, d["spec"]["template"]["metadata"]["labels"])]
        assert len(matched) == 1, f"Service {name} selects {len(matched)} Deployments"
        ports = [p for c in pod_spec(matched[0])["containers"] for p in c.get("ports") or []]
        for port in service["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            assert any(target in (p.get("name"), p["containerPort"]) for p in ports), \
                f"Service {name}: targetPort {target} is no port of {matched[0]['metadata']['name']}"


def test_every_reference_resolves():
    config_maps, secrets = k8s_objects("ConfigMap"), k8s_objects("Secret")
    for file_name, doc in k8s_documents():
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        spec = pod_spec(doc)
        volumes = {volume["name"]: volume for volume in spec.get("volumes") or []}
        for volume in volumes.values():
            if "secret" in volume:
                secret = secrets[volume["secret"]["secretName"]]
                for item in volume["secret"].get("items") or []:
                    assert item["key"] in (secret.get("stringData") or {}), f"{file_name}: {item['key']}"
            if "configMap" in volume:
                assert volume["configMap"]["name"] in config_maps
        for container in spec["containers"]:
            for mount in container.get("volumeMounts") or []:
                assert mount["name"] in volumes, f"{file_name}: volume {mount['name']} is not defined"
            for source in container.get("envFrom") or []:
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets
            for item in container.get("env") or []:
                ref = (item.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    assert ref["key"] in (secrets[ref["name"]].get("stringData") or {}), f"{file_name}: {ref}"
                ref = (item.get("valueFrom") or {}).get("configMapKeyRef")
                if ref:
                    assert ref["key"] in (config_maps[ref["name"]].get("data") or {}), f"{file_name}: {ref}"


def compose_image_repository(svc: str) -> str:
    return compose_services()[svc]["image"].rsplit(":", 1)[0]


@pytest.mark.parametrize("svc", SERVICES)
def test_each_service_has_web_worker_service_and_migration_job(svc):
    deployments, jobs = k8s_objects("Deployment"), k8s_objects("Job")
    image = compose_image_repository(svc)
    web, worker, job = deployments[svc], deployments[f"{svc}-worker"], jobs[f"{svc}-migrate"]
    assert svc in k8s_objects("Service")
    assert web["spec"]["replicas"] == 2
    (web_container,) = pod_spec(web)["containers"]
    ports = {p.get("name"): p["containerPort"] for p in web_container["ports"]}
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        http = web_container[probe]["httpGet"]
        assert http["path"] == path, probe
        assert ports.get(http["port"], http["port"]) == WEB_PORT, probe
    (worker_container,) = pod_spec(worker)["containers"]
    assert worker_container["command"] == [f"rapport-{svc}", "worker"]
    (job_container,) = pod_spec(job)["containers"]
    job_command = " ".join(job_container["command"])
    assert f"rapport-{svc} migrate" in job_command and f"rapport-{svc} declare-queues" in job_command
    assert pod_spec(job)["restartPolicy"] in ("Never", "OnFailure")
    for obj, container in ((web, web_container), (worker, worker_container), (job, job_container)):
        name = obj["metadata"]["name"]
        assert container["image"].rsplit(":", 1)[0] == image, f"{name}: not the compose image {image}"
        assert pod_spec(obj)["securityContext"].get("runAsNonRoot") is True, name
        env = container_env_names(container)
        needed = {f"{svc.upper()}_DATABASE_URL"} | set(COMMON_ENV)
        assert not needed - env, f"{name}: missing {sorted(needed - env)}"
        assert not {e for e in other_database_urls(svc) if any(
            i["name"] == e for i in container.get("env") or [])}, f"{name}: sees another service's database"


@pytest.mark.parametrize("svc", SERVICES)
def test_web_pods_mount_the_signing_keys_they_need(svc):
    web = k8s_objects("Deployment")[svc]
    (container,) = pod_spec(web)["containers"]
    volumes = {volume["name"]: volume for volume in pod_spec(web)["volumes"]}
    key_dir = posixpath.dirname(container_env_value(container, "JWT_PUBLIC_KEY_FILE"))
    mounts = [m for m in container["volumeMounts"] if m["mountPath"] == key_dir]
    assert len(mounts) == 1 and mounts[0].get("readOnly") is True, f"{svc}: keys not mounted read-only at {key_dir}"
    secret = volumes[mounts[0]["name"]]["secret"]
    files = {item["path"] for item in secret.get("items") or []} or set(
        k8s_objects("Secret")[secret["secretName"]]["stringData"])
    assert posixpath.basename(container_env_value(container, "JWT_PUBLIC_KEY_FILE")) in files
    private = container_env_value(container, "PROFILES_JWT_PRIVATE_KEY_FILE")
    if svc == "profiles":
        assert posixpath.dirname(private) == key_dir and posixpath.basename(private) in files
    else:
        assert not any("private" in name for name in files), f"{svc} must not get the private key"


def test_gateway_deployment_reaches_the_services():
    deployments, services = k8s_objects("Deployment"), k8s_objects("Service")
    (container,) = pod_spec(deployments["gateway"])["containers"]
    assert container["image"].rsplit(":", 1)[0] == compose_image_repository("gateway")
    listen = container_env_value(container, "GATEWAY_LISTEN").rsplit(":", 1)[-1]
    assert int(listen) in {p["containerPort"] for p in container["ports"]}
    assert "gateway" in services
    for svc in SERVICES:
        host, port = container_env_value(container, f"{svc.upper()}_UPSTREAM").rsplit(":", 1)
        assert host in services and int(port) in {p["port"] for p in services[host]["spec"]["ports"]}
