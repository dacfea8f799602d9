#!/usr/bin/env bash
# A real one-node Slurm on this machine, for tests and for trying the cluster path by hand.
#
#   bash src/scripts/cluster/slurm-local.sh start    # install (Debian: slurm-wlm, munge) if missing, configure, start
#   bash src/scripts/cluster/slurm-local.sh status   # sinfo
#   bash src/scripts/cluster/slurm-local.sh stop     # stop slurmd, slurmctld, munged
#
# Needs root (it writes /etc/munge and /etc/slurm and starts the daemons). The node is this machine
# (`hostname`), with its core count, in one default partition `debug`; no cgroups (container-friendly
# process tracking: proctrack/linuxproc), no accounting database (follow jobs with squeue/scontrol).
# An existing /etc/slurm/slurm.conf that this script did not write is never overwritten.
set -euo pipefail
action="${1:-start}"
log() { echo "[slurm-local] $*"; }
marker='# written by hkd slurm-local.sh'
conf=/etc/slurm/slurm.conf

need_root() {
  if [ "$(id -u)" != 0 ]; then log "must run as root (it configures and starts system daemons)"; exit 1; fi
}

install_packages() {
  if command -v slurmctld >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; then return; fi
  log "installing Debian packages slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

start_munge() {
  mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
  if [ ! -s /etc/munge/munge.key ]; then mungekey --create --keyfile=/etc/munge/munge.key; fi
  chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge
  chmod 400 /etc/munge/munge.key
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    munged --force 2>/dev/null || munged --force
  fi
  for _ in $(seq 1 20); do
    if munge -n | unmunge >/dev/null 2>&1; then return; fi
    sleep 0.5
  done
  log "munged did not answer (munge -n | unmunge)"; exit 1
}

write_config() {
  local host cpus
  host=$(hostname)
  cpus=$(nproc)
  if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
    log "$conf exists and was not written by this script: leaving it as it is"; return
  fi
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
  cat > "$conf.tmp" <<CONF
$marker
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  mv "$conf.tmp" "$conf"
}

node_state() { sinfo --noheader --format=%T 2>/dev/null | head -n 1; }

start() {
  need_root
  install_packages
  start_munge
  write_config
  pgrep -x slurmctld >/dev/null || slurmctld
  pgrep -x slurmd >/dev/null || slurmd
  local state=""
  for _ in $(seq 1 60); do
    state=$(node_state)
    case "$state" in idle|mixed|allocated) log "node $(hostname) is $state"; sinfo; return ;; esac
    sleep 1
  done
  log "the node did not become idle within 60 s (state: '${state:-none}'); logs: /var/log/slurm/"
  tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log 2>/dev/null || true
  exit 1
}

stop() {
  scontrol shutdown >/dev/null 2>&1 || true
  for daemon in slurmd slurmctld; do
    for _ in $(seq 1 20); do pgrep -x "$daemon" >/dev/null || break; sleep 0.5; done
    pkill -x "$daemon" 2>/dev/null || true
  done
  pkill -x munged 2>/dev/null || true
  log "stopped"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
