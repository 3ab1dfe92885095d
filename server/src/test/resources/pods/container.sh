# Starts one container the way a container runtime would, run as PID 1 of fresh mount, UTS and PID
# namespaces (unshare, from the pod runner's Container.java):
#   container.sh ROOT MOUNTS HOSTNAME UID GID GROUPS WORKDIR ROOTFS COMMAND...
# ROOT is the image's root file system, shared by every container of that image: each container
# sees its own volumes only because they are bind-mounted in its private mount namespace.
# MOUNTS has one line per mount, "SOURCE<TAB>TARGET<TAB>rw|ro", parents before children.
# GROUPS is the supplementary group list (fsGroup), or "-". ROOTFS is ro (readOnlyRootFilesystem)
# or rw. The environment is the container's.
set -eu
root=$1 mounts=$2 name=$3 uid=$4 gid=$5 groups=$6 workdir=$7 rootfs=$8
shift 8
mount --make-rprivate /
hostname "$name"
tab=$(printf '\t')
# A mount point like the runtime makes it: a directory, or an empty file for a file.
mount_point() {
  if [ -d "$1" ]; then
    [ -f "$root$2" ] || mkdir -p "$root$2" # a file: given a layer of its own below
  else
    mkdir -p "$(dirname "$root$2")"
    [ -e "$root$2" ] || : > "$root$2"
  fi
}
# Mount points in the root first: once it is read-only, none can be made there.
while IFS=$tab read -r source target mode; do mount_point "$source" "$target"; done < "$mounts"
if [ "$rootfs" = ro ]; then
  mount --bind "$root" "$root"
  mount -o remount,bind,ro "$root"
fi
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
# ROOT keeps the mount points earlier containers made; a runtime makes them in each container's own
# layer. Where one has the other type (an empty file where a volume's directory now goes: a missing
# subPath the kubelet made a directory), this container gets a layer of its own over that parent
# directory (overlayfs, upper layer in its own directory, read-only again after) with the right type.
layers=${mounts%.mounts}.layers
while IFS=$tab read -r source target mode; do
  point=$root$target
  if [ -d "$source" ] && [ -f "$point" ] && [ ! -s "$point" ]; then
    parent=$(dirname "$point")
    layer=$layers$(dirname "$target")
    if [ ! -d "$layer/upper" ]; then
      mkdir -p "$layer/upper" "$layer/work"
      mount -t overlay overlay -o "lowerdir=$parent,upperdir=$layer/upper,workdir=$layer/work" "$parent"
    fi
    rm "$point"
    mkdir "$point"
    if [ "$rootfs" = ro ]; then mount -o remount,ro "$parent"; fi
  fi
done < "$mounts"
while IFS=$tab read -r source target mode; do
  # A mount point inside a volume mounted just before (a subPath file in the base directory).
  [ -e "$root$target" ] || mount_point "$source" "$target"
  mount --bind "$source" "$root$target"
  if [ "$mode" = ro ]; then mount -o remount,bind,ro "$root$target"; fi
done < "$mounts"
if [ "$groups" = - ]; then
  exec chroot --userspec="$uid:$gid" "$root" /usr/bin/env -C "$workdir" -- "$@"
fi
exec chroot --userspec="$uid:$gid" --groups="$groups" "$root" /usr/bin/env -C "$workdir" -- "$@"
