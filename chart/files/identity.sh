# The identity init container's script (buildbot.identityInit), run with /bin/sh -e: copies the image's
# /etc/passwd and /etc/group into /identity, adding the running uid and gid when the image lacks them
# (OpenSSH, which Git uses for ssh:// repositories, exits "No user exists for uid N" without one).
uid="$(id -u)" gid="$(id -g)"
cp /etc/passwd /etc/group /identity/
if ! cut -d: -f3 /etc/passwd | grep -qx "$uid"; then
  name=buildbot; if cut -d: -f1 /etc/passwd | grep -qx buildbot; then name="buildbot-$uid"; fi
  echo "$name:x:$uid:$gid:Buildbot:$HOME:/bin/sh" >> /identity/passwd
fi
if ! cut -d: -f3 /etc/group | grep -qx "$gid"; then
  echo "buildbot-$gid:x:$gid:" >> /identity/group
fi
