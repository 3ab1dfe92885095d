{{/*
The chart name (nameOverride), DNS label characters only, for the 63-character label limit.
Usage: include "buildbot.name" $
*/}}
{{- define "buildbot.name" -}}
{{- regexReplaceAll "[^a-z0-9-]+" (default .Chart.Name .Values.nameOverride | lower) "-" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Every resource name starts with this, so two releases in one namespace never collide. Only DNS
label characters survive (the schema refuses others): a name is never more than a name.
Usage: include "buildbot.fullname" $
*/}}
{{- define "buildbot.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- regexReplaceAll "[^a-z0-9-]+" (.Values.fullnameOverride | lower) "-" | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "buildbot.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Selector labels: name, instance and component.
Usage: include "buildbot.selectorLabels" (dict "ctx" $ "component" "master") | nindent 6
*/}}
{{- define "buildbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "buildbot.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
The standard labels of every object.
Usage: include "buildbot.labels" (dict "ctx" $ "component" "master") | nindent 4
*/}}
{{- define "buildbot.labels" -}}
{{ include "buildbot.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: buildbot
{{- end -}}

{{/*
All masters: engine plus web. More than one requires wamp and a shared server database.
Usage: int (include "buildbot.masterCount" $)
*/}}
{{- define "buildbot.masterCount" -}}
{{- add (int .Values.master.replicas) (int .Values.ui.replicas) -}}
{{- end -}}

{{/*
The bundled PostgreSQL's max_connections: each Buildbot master, engine or web, opens up to 15
(SQLAlchemy's QueuePool defaults, 5 and 10 overflow, which Buildbot neither changes nor lets
master.cfg change), the migration Job 2, and 10 to spare for an administrator; never below
PostgreSQL's own default, 100. Usage: int (include "buildbot.databaseConnections" $)
*/}}
{{- define "buildbot.databaseConnections" -}}
{{- max 100 (add (mul 15 (int (include "buildbot.masterCount" .))) 12) -}}
{{- end -}}

{{/*
The Secret holding the database password: the user's existingSecret or the chart's.
Usage: include "buildbot.databaseSecretName" $
*/}}
{{- define "buildbot.databaseSecretName" -}}
{{- if .Values.database.existingSecret.name -}}
{{- .Values.database.existingSecret.name -}}
{{- else -}}
{{- printf "%s-database" (include "buildbot.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
The key of the database password in that Secret.
Usage: include "buildbot.databaseSecretKey" $
*/}}
{{- define "buildbot.databaseSecretKey" -}}
{{- if .Values.database.existingSecret.name -}}
{{- default "password" .Values.database.existingSecret.key -}}
{{- else -}}
password
{{- end -}}
{{- end -}}

{{/*
The database host: the external one, or the bundled StatefulSet's Service.
Usage: include "buildbot.databaseHost" $
*/}}
{{- define "buildbot.databaseHost" -}}
{{- if .Values.database.host -}}
{{- .Values.database.host -}}
{{- else -}}
{{- printf "%s-database" (include "buildbot.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
"true" when the chart deploys the database (no host, not sqlite), else empty.
Usage: if include "buildbot.bundledDatabase" $
*/}}
{{- define "buildbot.bundledDatabase" -}}
{{- if and (not .Values.database.host) (ne .Values.database.type "sqlite") -}}true{{- end -}}
{{- end -}}

{{/*
The wamp router's URL: mq.routerURL, or the bundled crossbar Service.
Usage: include "buildbot.routerURL" $
*/}}
{{- define "buildbot.routerURL" -}}
{{- if .Values.mq.routerURL -}}
{{- .Values.mq.routerURL -}}
{{- else -}}
{{- printf "ws://%s-crossbar:8080/ws" (include "buildbot.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
The chart's Secret of the named (single-pod) workers' passwords.
Usage: include "buildbot.workersSecretName" $
*/}}
{{- define "buildbot.workersSecretName" -}}
{{- printf "%s-workers" (include "buildbot.fullname" .) -}}
{{- end -}}

{{/*
The chart's Secret holding one worker's generated passwords: a pool has a Secret of its own (one key
per member, projected whole into its pods: no list of items that every Pod object would repeat), a
named worker a key of buildbot.workersSecretName.
Usage: include "buildbot.workerSecretName" (dict "ctx" $ "name" $name "worker" $w)
*/}}
{{- define "buildbot.workerSecretName" -}}
{{- if gt (int (default 1 .worker.replicas)) 1 -}}
{{- printf "%s-worker-%s" (include "buildbot.fullname" .ctx) .name -}}
{{- else -}}
{{- include "buildbot.workersSecretName" .ctx -}}
{{- end -}}
{{- end -}}

{{/*
The volume of a worker pod's own password: the user's Secret key (existingSecret; a pool's members
share it), else this worker's generated keys (buildbot.workerSecretName): a named worker's one key,
a pool's Secret whole, one file per member. The container mounts one file of it
(buildbot.workerPasswordMount): a pool member sees its own password only.
Usage: include "buildbot.workerPasswordVolume" (dict "ctx" $ "name" $name "worker" $w) | nindent 10
*/}}
{{- define "buildbot.workerPasswordVolume" -}}
{{- $existing := .worker.existingSecret | default dict -}}
{{- $pool := gt (int (default 1 .worker.replicas)) 1 -}}
secret:
  secretName: {{ $existing.name | default (include "buildbot.workerSecretName" .) | quote }}
  defaultMode: 288 # 0440: the pod's fsGroup reads it
  {{- if $existing.name }}
  items:
    - key: {{ default "password" $existing.key | quote }}
      path: password
  {{- else if not $pool }}
  items:
    - key: {{ .name }}
      path: {{ .name }}
  {{- end }}
{{- end -}}

{{/*
The mount of a worker container's own password file, /etc/buildbot/worker-password: the login's
file of buildbot.workerPasswordVolume, chosen by the pod's WORKERNAME (subPathExpr).
Usage: include "buildbot.workerPasswordMount" $w | nindent 12
*/}}
{{- define "buildbot.workerPasswordMount" -}}
- name: password
  mountPath: /etc/buildbot/worker-password
  {{- if (.existingSecret | default dict).name }}
  subPath: password
  {{- else }}
  subPathExpr: $(WORKERNAME)
  {{- end }}
  readOnly: true
{{- end -}}

{{/*
A password kept stable across upgrades: the value given, else the one already stored in the
Secret (lookup), else a new random one. Pass a dict with "ctx", "secret", "key", "value".
Usage: include "buildbot.stablePassword" (dict "ctx" $ "secret" $name "key" "password" "value" $given)
*/}}
{{- define "buildbot.stablePassword" -}}
{{- if .value -}}
{{- .value | b64enc -}}
{{- else -}}
{{- /* Only an upgrade has a stored password; an install (and `helm template`) never asks the cluster. */ -}}
{{- $existing := dict -}}
{{- if .ctx.Release.IsUpgrade -}}
{{- /* One lookup per Secret and render, however many logins it holds. */ -}}
{{- $looked := .ctx.Values.__buildbotLookups | default dict -}}
{{- if not (hasKey $looked .secret) -}}
{{- $_ := set $looked .secret (lookup "v1" "Secret" .ctx.Release.Namespace .secret) -}}
{{- $_ := set .ctx.Values "__buildbotLookups" $looked -}}
{{- end -}}
{{- $existing = get $looked .secret -}}
{{- end -}}
{{- if and $existing (index ($existing.data | default dict) .key) -}}
{{- index $existing.data .key -}}
{{- else -}}
{{- randAlphaNum 32 | b64enc -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The Buildbot logins of one worker: the name, or name-0 .. name-N-1 for a pool (space-separated).
Usage: splitList " " (trim (include "buildbot.workerLogins" (dict "name" $name "worker" $w)))
*/}}
{{- define "buildbot.workerLogins" -}}
{{- $replicas := int (default 1 .worker.replicas) -}}
{{- if gt $replicas 1 -}}
{{- range $i := until $replicas }}{{ printf "%s-%d" $.name $i }} {{ end -}}
{{- else -}}
{{- .name -}}
{{- end -}}
{{- end -}}

{{/*
nodeSelector and tolerations of a pod, from its values block.
Usage: include "buildbot.podPlacement" $w | nindent 6
*/}}
{{- define "buildbot.podPlacement" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Soft anti-affinity between pods of one component unless the values set affinity.
Usage: include "buildbot.affinity" (dict "ctx" $ "component" "master" "values" $v) | nindent 6
*/}}
{{- define "buildbot.affinity" -}}
affinity:
{{- if .values.affinity }}
  {{- toYaml .values.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "buildbot.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 14 }}
{{- end }}
{{- end -}}

{{/*
An image reference "repository:tag"; an empty tag is the chart's Buildbot release, v<appVersion>
(the one place the version lives). Usage: include "buildbot.image" (dict "ctx" $ "image" $image)
*/}}
{{- define "buildbot.image" -}}
{{- $tag := .image.tag | default (printf "v%s" .ctx.Chart.AppVersion) -}}
{{- printf "%s:%s" .image.repository $tag | quote -}}
{{- end -}}

{{/*
The database settings every Buildbot pod reads (files/chartdb.py builds the URL from them); the
password only from its Secret. Usage: include "buildbot.databaseEnv" $ | nindent 12
*/}}
{{- define "buildbot.databaseEnv" -}}
- name: BUILDBOT_DB_DRIVER
  value: {{ .Values.database.type | quote }}
{{- if ne .Values.database.type "sqlite" }}
- name: BUILDBOT_DB_HOST
  value: {{ include "buildbot.databaseHost" . | quote }}
- name: BUILDBOT_DB_PORT
  value: {{ .Values.database.port | int | quote }}
- name: BUILDBOT_DB_NAME
  value: {{ .Values.database.name | quote }}
- name: BUILDBOT_DB_USER
  value: {{ .Values.database.user | quote }}
- name: BUILDBOT_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "buildbot.databaseSecretName" . | quote }}
      key: {{ include "buildbot.databaseSecretKey" . | quote }}
{{- end }}
{{- end -}}

{{/*
The crossbar router's config.json. Written into the ConfigMap base64-encoded (binaryData), so the
realm from the values is data in it whatever characters it holds.
Usage: include "buildbot.crossbarConfig" $ | b64enc
*/}}
{{- define "buildbot.crossbarConfig" -}}
{
  "version": 2,
  "controller": {},
  "workers": [
    {
      "type": "router",
      "realms": [
        {
          "name": {{ toJson .Values.mq.realm }},
          "roles": [
            {
              "name": "anonymous",
              "permissions": [
                {
                  "uri": "",
                  "match": "prefix",
                  "allow": {"call": true, "register": true, "publish": true, "subscribe": true},
                  "disclose": {"caller": false, "publisher": false},
                  "cache": true
                }
              ]
            }
          ]
        }
      ],
      "transports": [
        {
          "type": "web",
          "endpoint": {"type": "tcp", "port": 8080},
          "paths": {"/": {"type": "nodeinfo"}, "ws": {"type": "websocket"}}
        }
      ]
    }
  ]
}
{{- end -}}

{{/*
A pod's securityContext: the values' if set, else one meeting the "restricted" Pod Security
Standard as the image's user. Usage: include "buildbot.podSecurity" (dict "values" $v.podSecurityContext "uid" 1000)
*/}}
{{- define "buildbot.podSecurity" -}}
{{- if .values -}}
{{- toYaml .values -}}
{{- else -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
{{- /* A volume already owned by fsGroup is not walked again at every mount. */}}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}
{{- end -}}

{{/*
A container's securityContext: the values' if set, else the "restricted" one with a read-only root
file system (every directory the container writes is a volume).
Usage: include "buildbot.containerSecurity" $v.securityContext
*/}}
{{- define "buildbot.containerSecurity" -}}
{{- if . -}}
{{- toYaml . -}}
{{- else -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}
{{- end -}}

{{/*
A container's resources: the values' if set, else the requests of its preset (none: no block).
Usage: include "buildbot.resources" (dict "resources" $v.resources "preset" ($v.resourcesPreset | default "small"))
*/}}
{{- define "buildbot.resources" -}}
{{- $presets := dict "small" (dict "cpu" "100m" "memory" "256Mi") "medium" (dict "cpu" "500m" "memory" "1Gi") "large" (dict "cpu" "2" "memory" "4Gi") -}}
{{- if .resources -}}
resources:
  {{- toYaml .resources | nindent 2 }}
{{- else if hasKey $presets .preset -}}
resources:
  requests:
    {{- toYaml (get $presets .preset) | nindent 4 }}
{{- end -}}
{{- end -}}

{{/*
NetworkPolicy peers: the pods of these components of this release.
Usage: include "buildbot.componentPeers" (dict "ctx" $ "components" (list "master" "ui")) | nindent 8
*/}}
{{- define "buildbot.componentPeers" -}}
- podSelector:
    matchExpressions:
      - {key: app.kubernetes.io/name, operator: In, values: [{{ include "buildbot.name" .ctx | quote }}]}
      - {key: app.kubernetes.io/instance, operator: In, values: [{{ .ctx.Release.Name | quote }}]}
      - {key: app.kubernetes.io/component, operator: In, values: [{{ join ", " .components }}]}
{{- end -}}

{{/*
Every password the chart itself knows, base64-encoded: {"workers": {Secret name: {login: ...}},
"database": ..., "checksumKey": ...}, drawn once per render and kept in .Values.__buildbotPasswords,
so every template sees the same ones. It prints nothing: read the dict, never a JSON copy of it (a
copy per pod made the render quadratic in the farm's size).
Usage: {{- $_ := include "buildbot.passwords" $ }}{{- $passwords := $.Values.__buildbotPasswords }}
*/}}
{{- define "buildbot.passwords" -}}
{{- if not (hasKey .Values "__buildbotPasswords") -}}
{{- $fullname := include "buildbot.fullname" . -}}
{{- $workers := dict -}}
{{- range $name, $w := .Values.workers }}
{{- if not ($w.existingSecret | default dict).name }}
{{- $secret := include "buildbot.workerSecretName" (dict "ctx" $ "name" $name "worker" $w) }}
{{- $keys := get $workers $secret | default dict }}
{{- /* One key per login: each member of a pool has its own password (kept across upgrades). */ -}}
{{- range $login := splitList " " (trim (include "buildbot.workerLogins" (dict "name" $name "worker" $w))) }}
{{- $_ := set $keys $login (include "buildbot.stablePassword" (dict "ctx" $ "secret" $secret "key" $login "value" $w.password)) }}
{{- end }}
{{- $_ := set $workers $secret $keys }}
{{- end }}
{{- end }}
{{- $database := "" -}}
{{- if and (ne .Values.database.type "sqlite") (not .Values.database.existingSecret.name) -}}
{{- $database = include "buildbot.stablePassword" (dict "ctx" . "secret" (printf "%s-database" $fullname) "key" "password" "value" .Values.database.password) -}}
{{- end -}}
{{- $key := include "buildbot.stablePassword" (dict "ctx" . "secret" (printf "%s-checksum-key" $fullname) "key" "key" "value" "") -}}
{{- $_ := set .Values "__buildbotPasswords" (dict "workers" $workers "database" $database "checksumKey" $key) -}}
{{- end -}}
{{- end -}}

{{/*
A checksum annotation of secret data that cannot be used to test a password guess: keyed with the
release's random checksum key. Usage: include "buildbot.keyedChecksum" (dict "ctx" $ "data" $text)
*/}}
{{- define "buildbot.keyedChecksum" -}}
{{- $_ := include "buildbot.passwords" .ctx -}}
{{- $key := .ctx.Values.__buildbotPasswords.checksumKey -}}
{{- printf "%s\n%s" $key .data | sha256sum -}}
{{- end -}}

{{/*
An init container giving the pod's user a passwd and group entry: it runs files/identity.sh from the
pod's chart ConfigMap (volume `config`, mounted at `configPath`), which copies the image's /etc/passwd
and /etc/group into the `identity` emptyDir, adding the running uid and gid when the image lacks them,
with `home` as the home directory. The containers mount both files over the image's
(buildbot.identityMounts). Pass a dict: image (the rendered reference), pullPolicy, securityContext
(the values' container one), home, config, configPath.
Usage: include "buildbot.identityInit" (dict "image" $ref "pullPolicy" "IfNotPresent" "securityContext" $v.securityContext "home" "/buildbot" "config" "config" "configPath" "/etc/buildbot/config") | nindent 8
*/}}
{{- define "buildbot.identityInit" -}}
- name: identity
  image: {{ .image }}
  imagePullPolicy: {{ .pullPolicy | default "IfNotPresent" | quote }}
  securityContext:
    {{- include "buildbot.containerSecurity" .securityContext | nindent 4 }}
  command: [/bin/sh, -e, {{ printf "%s/identity.sh" .configPath }}]
  env:
    - name: HOME
      value: {{ .home | quote }}
  resources:
    requests:
      cpu: 10m
      memory: 16Mi
  volumeMounts:
    - name: identity
      mountPath: /identity
    - name: {{ .config }}
      mountPath: {{ .configPath }}
      readOnly: true
{{- end -}}

{{/*
The passwd and group files buildbot.identityInit wrote, over the image's, read-only.
Usage: include "buildbot.identityMounts" . | nindent 12
*/}}
{{- define "buildbot.identityMounts" -}}
- name: identity
  mountPath: /etc/passwd
  subPath: passwd
  readOnly: true
- name: identity
  mountPath: /etc/group
  subPath: group
  readOnly: true
{{- end -}}
