#!/usr/bin/env bash
# Reproduce the deploy workflow's build job, step by step, in a Debian 12 made
# here with debootstrap (the workflow runs in the container debian:12), and
# then an author's first `make serve` as a normal user with an empty home.
#
#   sudo tools/debian12_workflow.sh [ROOTFS]   (default /srv/bookworm; needs root,
#                                               debootstrap and Debian's mirrors)
#
# It clones the current commit of this checkout (commit first), runs as root
# the workflow's steps (install git, make, python3, python3-venv, nodejs, npm;
# make test; make build), then as user `author` with HOME an empty folder:
# make serve, and fetches both editions' home pages. Takes 20-30 minutes.
# (The server runs in the background of a non-interactive shell, which starts it
# with SIGINT ignored, so the script stops it with SIGTERM, not Ctrl-C's SIGINT.)
set -euo pipefail
ROOTFS="${1:-/srv/bookworm}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
COMMIT="$(git -C "$REPO" rev-parse HEAD)"

if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian
fi
# The same suites as the debian:12 image.
cat > "$ROOTFS/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
for m in proc sys dev dev/pts; do
  mountpoint -q "$ROOTFS/$m" || mount --bind "/$m" "$ROOTFS/$m"
done
mountpoint -q "$ROOTFS/dev/shm" || mount -t tmpfs tmpfs "$ROOTFS/dev/shm"

# Where this machine reaches the registries through a proxy with a CA of its
# own (/usr/local/share/ca-certificates), Debian 12 there trusts it too, and
# pip and Node.js are told to use the system's bundle; GitHub's runner needs none.
TRUST=()
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  bundle=/etc/ssl/certs/ca-certificates.crt
  TRUST=(PIP_CERT=$bundle REQUESTS_CA_BUNDLE=$bundle SSL_CERT_FILE=$bundle NODE_EXTRA_CA_CERTS=$bundle
         npm_config_cafile=$bundle)
fi
in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root CI=true \
  "${TRUST[@]}" "$@"; }

echo "== step: install the tools the README assumes"
in_root bash -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  git make python3 python3-venv nodejs npm ca-certificates >/dev/null &&
  python3 --version && node --version && npm --version'

if [ ${#TRUST[@]} -gt 0 ]; then
  mkdir -p "$ROOTFS/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
  in_root update-ca-certificates >/dev/null
fi

echo "== step: checkout $COMMIT"
rm -rf "$ROOTFS/work" && mkdir -p "$ROOTFS/work"
git clone -q "$REPO" "$ROOTFS/work/site"
git -C "$ROOTFS/work/site" checkout -q "$COMMIT"
chroot "$ROOTFS" git config --global --add safe.directory /work/site

echo "== step: make test, then make build (as root, as in the container)"
in_root bash -c 'cd /work/site && make test && make build'

echo "== an author: make serve as a normal user with an empty home folder"
in_root bash -c 'id author >/dev/null 2>&1 || useradd --create-home author'
rm -rf "$ROOTFS/home/author" "$ROOTFS/work/author"
mkdir -p "$ROOTFS/home/author"
git clone -q "$REPO" "$ROOTFS/work/author"
git -C "$ROOTFS/work/author" checkout -q "$COMMIT"
in_root chown -R author: /home/author /work/author
in_root su author -c 'cd /work/author && setsid make serve > /tmp/serve.log 2>&1 & server=$! ;
  for i in $(seq 1 600); do
    python3 -c "import urllib.request as u; u.urlopen(\"http://127.0.0.1:8000/en/\")" 2>/dev/null && break
    sleep 1
  done
  python3 - <<EOF
import urllib.request
for path in ("/", "/en/"):
    html = urllib.request.urlopen("http://127.0.0.1:8000" + path).read().decode()
    print(path, "served:", html.split("<title>")[1].split("</title>")[0])
EOF
  kill -TERM -$server; wait $server || true'
