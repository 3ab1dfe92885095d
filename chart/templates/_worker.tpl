{{/*
The pod spec of a worker: a declared worker's StatefulSet pods (workers.yaml) and the build pods a
master creates for a latent worker (latent: true; master.cfg reads them from the masters' ConfigMap
and adds the login at run time). Both run the chart's buildbot.tac (files/worker.tac) with the
image's dumb-init and twistd, as the image's own command does, on a read-only root file system.
Comments inside are template comments: a farm repeats the spec once per worker.
Usage: include "buildbot.workerPodSpec" (dict "ctx" $ "name" $name "worker" $w "latent" false) | nindent 4
*/}}
{{- define "buildbot.workerPodSpec" -}}
{{- $ctx := .ctx -}}
{{- $w := .worker -}}
{{- $fullname := include "buildbot.fullname" $ctx -}}
{{- $pool := and (not .latent) (gt (int (default 1 $w.replicas)) 1) -}}
{{- $image := merge (dict) ($w.image | default dict) (dict "repository" "quay.io/buildbot/buildbot-worker" "pullPolicy" "IfNotPresent") -}}
{{- with $w.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- include "buildbot.podPlacement" $w }}
{{- /* Builds need no Kubernetes API: no service-account token in their pod. */}}
automountServiceAccountToken: false
{{- /* Builds see no variables of the namespace's other Services. */}}
enableServiceLinks: false
{{- if .latent }}
{{- /* One build pod per substantiation: Buildbot deletes it, nothing restarts it. */}}
restartPolicy: Never
terminationGracePeriodSeconds: 30
{{- end }}
securityContext:
  {{- include "buildbot.podSecurity" (dict "values" $w.podSecurityContext "uid" 1000) | nindent 2 }}
initContainers:
  {{- include "buildbot.identityInit" (dict "image" (include "buildbot.image" (dict "ctx" $ctx "image" $image)) "pullPolicy" $image.pullPolicy "securityContext" $w.securityContext "home" "/home/buildbot" "config" "tac" "configPath" "/etc/buildbot/worker") | nindent 2 }}
containers:
  - name: worker
    image: {{ include "buildbot.image" (dict "ctx" $ctx "image" $image) }}
    imagePullPolicy: {{ $image.pullPolicy | quote }}
    command:
      - /usr/bin/dumb-init
      - --
      - /buildbot_venv/bin/twistd
      - --nodaemon
      - --no_save
      - --pidfile=
      - --logfile=-
      - --python=/etc/buildbot/worker/buildbot.tac
    workingDir: /buildbot
    securityContext:
      {{- include "buildbot.containerSecurity" $w.securityContext | nindent 6 }}
    env:
      {{- /* The image user's home, a volume: git and ssh keep their files there. */}}
      - name: HOME
        value: /home/buildbot
      {{- if not .latent }}
      {{- /* A latent worker's BUILDMASTER, BUILDMASTER_PORT, BUILDMASTER_PROTOCOL, WORKERNAME and
         WORKERPASS come first, from the master that creates the pod (files/chartkube.py). */}}
      - name: BUILDMASTER
        value: {{ $fullname }}-workers
      - name: BUILDMASTER_PORT
        value: {{ $ctx.Values.master.workerPort | int | quote }}
      {{- if $pool }}
      - name: POD_INDEX
        valueFrom:
          fieldRef:
            fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
      - name: WORKERNAME
        value: {{ .name }}-$(POD_INDEX)
      {{- else }}
      - name: WORKERNAME
        value: {{ .name }}
      {{- end }}
      {{- end }}
      {{- range $key, $value := $w.env }}
      {{- $asked := kindIs "map" $value }}
      {{- $text := $value }}
      {{- if $asked }}
      {{- $text = $value.value }}
      {{- $asked = $value.expand }}
      {{- end }}
      - name: {{ $key | quote }}
      {{- if $asked }}
        {{- /* Asked for ({expand: true}): the kubelet expands $(VAR) of the variables above (the
           schema refuses $(WORKERPASS) here). */}}
        value: {{ $text | toString | quote }}
      {{- else }}
        {{- /* Data, not a reference: the kubelet would expand $(WORKERPASS) into the password and
           turn $$ into $, so every $ is doubled and the container gets the value as written. */}}
        value: {{ $text | toString | replace "$" "$$" | quote }}
      {{- end }}
      {{- end }}
    {{- include "buildbot.resources" (dict "resources" $w.resources "preset" ($w.resourcesPreset | default "medium")) | nindent 4 }}
    {{- /* The root file system is read-only: builds write in the base directory, /tmp and the
       image user's home (/home/buildbot). */}}
    volumeMounts:
      {{- include "buildbot.identityMounts" . | nindent 6 }}
      - name: tac
        mountPath: /etc/buildbot/worker
        readOnly: true
      {{- if not .latent }}
      {{- /* Its own password as a file, no variable: no build's environment holds it. */}}
      {{- include "buildbot.workerPasswordMount" $w | nindent 6 }}
      {{- end }}
      - name: basedir
        mountPath: /buildbot
      - name: tmp
        mountPath: /tmp
      - name: home
        mountPath: /home/buildbot
volumes:
  - name: identity
    emptyDir: {}
  - name: tac
    configMap:
      name: {{ $fullname }}-worker
  {{- if not .latent }}
  - name: password
    {{- include "buildbot.workerPasswordVolume" (dict "ctx" $ctx "name" .name "worker" $w) | nindent 4 }}
  {{- end }}
  - name: basedir
    emptyDir: {}
  - name: tmp
    emptyDir: {}
  - name: home
    emptyDir: {}
{{- end -}}
