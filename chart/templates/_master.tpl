{{/*
A StatefulSet of masters: stable pod names give stable master names in Buildbot's database.
Pass a dict: ctx, component ("master" or "ui"), role ("engine", "ui" or "all"), values (the
.Values.master or .Values.ui block), replicas.
Usage: include "buildbot.masterStatefulSet" (dict "ctx" . "component" "master" "role" "engine" "values" .Values.master "replicas" 2)
*/}}
{{- define "buildbot.masterStatefulSet" -}}
{{- $ctx := .ctx -}}
{{- $v := .values -}}
{{- $m := $ctx.Values.master -}}
{{- $fullname := include "buildbot.fullname" $ctx -}}
{{- $sqlite := eq $ctx.Values.database.type "sqlite" -}}
{{- $auth := $ctx.Values.ui.auth -}}
{{- $uiAuth := and (ne .role "engine") (ne $auth.type "none") -}}
{{- $image := merge (dict) ($v.image | default dict) $m.image (dict "repository" "quay.io/buildbot/buildbot-master") -}}
{{- $ssh := $ctx.Values.ssh.existingSecret.name -}}
{{- /* Engine masters create the latent workers' build pods: only they get the Kubernetes API. */ -}}
{{- $kubeAPI := and (ne .role "ui") (not (empty $ctx.Values.latentWorkers)) -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ $fullname }}-{{ .component }}
  labels:
    {{- include "buildbot.labels" (dict "ctx" $ctx "component" .component) | nindent 4 }}
spec:
  replicas: {{ .replicas }}
  serviceName: {{ $fullname }}-{{ .component }}-headless
  # The migration Job upgrades the schema; masters wait for it in their init container, so they
  # may start together, and a rolling update replaces them one by one from the highest ordinal.
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  selector:
    matchLabels:
      {{- include "buildbot.selectorLabels" (dict "ctx" $ctx "component" .component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "buildbot.labels" (dict "ctx" $ctx "component" .component) | nindent 8 }}
      annotations:
        # A change of configuration or of a password rolls the masters.
        checksum/config: {{ include (print $ctx.Template.BasePath "/master-configmap.yaml") $ctx | sha256sum }}
        {{- $_ := include "buildbot.passwords" $ctx }}
        {{- $passwords := $ctx.Values.__buildbotPasswords }}
        {{- if eq .role "ui" }}
        {{- $passwords = omit $passwords "workers" }}
        {{- end }}
        {{- if or $passwords.workers $passwords.database }}
        # The passwords this pod reads, keyed: a changed password rolls the masters.
        checksum/secrets: {{ include "buildbot.keyedChecksum" (dict "ctx" $ctx "data" (toJson (omit $passwords "checksumKey"))) }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      # Long enough for running builds to finish after the clean shutdown below.
      terminationGracePeriodSeconds: {{ int $m.terminationGracePeriodSeconds }}
      {{- if $kubeAPI }}
      # Allowed to create build pods and delete and read its own (rbac.yaml); its token is mounted
      # into the master container alone (volume kube-api), never into an init container.
      serviceAccountName: {{ $fullname }}-master
      {{- end }}
      automountServiceAccountToken: false
      # Builds and extraConfig see no variables of the namespace's other Services.
      enableServiceLinks: false
      securityContext:
        {{- include "buildbot.podSecurity" (dict "values" $m.podSecurityContext "uid" 1000) | nindent 8 }}
      {{- include "buildbot.affinity" (dict "ctx" $ctx "component" .component "values" $v) | nindent 6 }}
      {{- include "buildbot.podPlacement" $v | nindent 6 }}
      {{- /* The image's contract (chart/README.md): Buildbot in /buildbot_venv/bin, off the PATH. */}}
      initContainers:
        {{- include "buildbot.identityInit" (dict "image" (include "buildbot.image" (dict "ctx" $ctx "image" $image)) "pullPolicy" $image.pullPolicy "securityContext" $m.securityContext "home" "/buildbot" "config" "config" "configPath" "/etc/buildbot/config") | nindent 8 }}
        # Waits, bounded and with a log line per try, for the database and for a schema this Buildbot
        # knows (the migration Job makes it current); a sqlite master upgrades its own schema.
        - name: schema
          image: {{ include "buildbot.image" (dict "ctx" $ctx "image" $image) }}
          imagePullPolicy: {{ $image.pullPolicy | default "IfNotPresent" | quote }}
          securityContext:
            {{- include "buildbot.containerSecurity" $m.securityContext | nindent 12 }}
          command: ["/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", {{ ternary "migrate" "wait" $sqlite | quote }}]
          {{- include "buildbot.resources" (dict "resources" $v.resources "preset" ($v.resourcesPreset | default "small")) | nindent 10 }}
          workingDir: /buildbot
          env:
            # The migration loads master.cfg for its database only: no worker password needed.
            - name: BUILDBOT_ROLE
              value: migrate
            - name: HOME
              value: /buildbot
            {{- include "buildbot.databaseEnv" $ctx | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/buildbot/config
              readOnly: true
            - name: basedir
              mountPath: /buildbot
            - name: tmp
              mountPath: /tmp
            {{- if $sqlite }}
            - name: buildbot-tac
              mountPath: /buildbot/buildbot.tac
              subPath: buildbot.tac
              readOnly: true
            {{- end }}
      containers:
        - name: master
          image: {{ include "buildbot.image" (dict "ctx" $ctx "image" $image) }}
          imagePullPolicy: {{ $image.pullPolicy | default "IfNotPresent" | quote }}
          securityContext:
            {{- include "buildbot.containerSecurity" $m.securityContext | nindent 12 }}
          # dumb-init as PID 1, as in the image, reaps the builds' git processes; --single-child
          # hands the preStop's SIGUSR1 to twistd alone (by default dumb-init signals the whole
          # process group, and a running MasterShellCommand or poller git would die of it). The base
          # directory is the working directory, the configuration the ConfigMap's.
          command:
            - /usr/bin/dumb-init
            - --single-child
            - --
            - /buildbot_venv/bin/twistd
            - --nodaemon
            - --no_save
            - --pidfile=
            - --logfile=-
            - --python=/etc/buildbot/config/buildbot.tac
          workingDir: /buildbot
          lifecycle:
            preStop:
              exec:
                # SIGUSR1 asks Buildbot for a clean shutdown: no new builds, running ones finish.
                command: ["sh", "-c", "kill -USR1 1; while kill -0 1 2>/dev/null; do sleep 2; done"]
          env:
            - name: BUILDBOT_ROLE
              value: {{ .role }}
            - name: BUILDBOT_SECRETS_DIR
              value: /etc/buildbot/secrets
            - name: HOME
              value: /buildbot
            {{- if $kubeAPI }}
            # Build pods return to this pod (its name under the headless Service) and name it their owner.
            - name: BUILDBOT_POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: BUILDBOT_POD_UID
              valueFrom:
                fieldRef:
                  fieldPath: metadata.uid
            - name: BUILDBOT_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            {{- end }}
            {{- include "buildbot.databaseEnv" $ctx | nindent 12 }}
          ports:
            {{- if ne .role "ui" }}
            - name: pb
              containerPort: {{ int $m.workerPort }}
            {{- end }}
            {{- if ne .role "engine" }}
            - name: http
              containerPort: {{ int $m.webPort }}
            {{- end }}
          {{- $probePort := ternary "http" "pb" (eq .role "ui") }}
          startupProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: 5
            failureThreshold: 120
          readinessProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: 10
          livenessProbe:
            tcpSocket:
              port: {{ $probePort }}
            periodSeconds: 20
            failureThreshold: 6
          {{- include "buildbot.resources" (dict "resources" $v.resources "preset" ($v.resourcesPreset | default "small")) | nindent 10 }}
          volumeMounts:
            {{- include "buildbot.identityMounts" . | nindent 12 }}
            - name: config
              mountPath: /etc/buildbot/config
              readOnly: true
            {{- if $ssh }}
            - name: ssh-key
              mountPath: /etc/buildbot/secrets/ssh
              readOnly: true
            {{- end }}
            {{- if ne .role "ui" }}
            # Web masters accept no worker (master.cfg gives them random passwords): they mount none.
            - name: worker-passwords
              mountPath: /etc/buildbot/secrets/workers
              readOnly: true
            {{- end }}
            {{- if $uiAuth }}
            - name: ui-auth
              mountPath: /etc/buildbot/secrets/ui
              readOnly: true
            {{- end }}
            {{- if $kubeAPI }}
            # Where Buildbot's in-cluster configuration reads the token, the CA and the namespace.
            - name: kube-api
              mountPath: /var/run/secrets/kubernetes.io/serviceaccount
              readOnly: true
            {{- end }}
            - name: basedir
              mountPath: /buildbot
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: identity
          emptyDir: {}
        - name: config
          configMap:
            name: {{ $fullname }}-master
        {{- if $ssh }}
        # The deploy key for ssh repositories: master.cfg hands it to Buildbot's GitPoller and Git
        # step (which copies it to the worker for the checkout); no worker pod mounts it.
        - name: ssh-key
          secret:
            secretName: {{ $ssh | quote }}
            defaultMode: 288 # 0440: the pod's fsGroup reads it
            items:
              - key: {{ $ctx.Values.ssh.existingSecret.key | default "ssh-privatekey" | quote }}
                path: key
        {{- end }}
        {{- if $uiAuth }}
        - name: ui-auth
          secret:
            secretName: {{ $auth.existingSecret.name | quote }}
            items:
              - key: {{ $auth.existingSecret.key | default (ternary "htpasswd" "clientSecret" (eq $auth.type "htpasswd")) | quote }}
                path: auth
        {{- end }}
        {{- if ne .role "ui" }}
        - name: worker-passwords
          projected:
            sources:
              {{- include "buildbot.workerPasswordSources" $ctx | nindent 14 }}
        {{- end }}
        {{- if $kubeAPI }}
        # What the kubelet mounts for automountServiceAccountToken, for the master container alone:
        # a token it renews (an hour's; chartkube.py reads it at every request), the cluster's CA
        # and the namespace.
        - name: kube-api
          projected:
            sources:
              - serviceAccountToken:
                  path: token
                  expirationSeconds: 3607
              - configMap:
                  name: kube-root-ca.crt
                  items:
                    - key: ca.crt
                      path: ca.crt
              - downwardAPI:
                  items:
                    - path: namespace
                      fieldRef:
                        fieldPath: metadata.namespace
        {{- end }}
        - name: tmp
          emptyDir: {}
        {{- if $sqlite }}
        - name: buildbot-tac
          configMap:
            name: {{ $fullname }}-master
            items:
              - key: buildbot.tac
                path: buildbot.tac
        {{- else }}
        - name: basedir
          emptyDir: {}
        {{- end }}
  {{- if $sqlite }}
  # sqlite keeps Buildbot's state in the base directory: keep it on a volume.
  volumeClaimTemplates:
    - metadata:
        name: basedir
      spec:
        accessModes: [ReadWriteOnce]
        {{- with $m.persistence.storageClass }}
        storageClassName: {{ . | quote }}
        {{- end }}
        resources:
          requests:
            storage: {{ $m.persistence.size | quote }}
  {{- end }}
{{- end -}}

{{/*
Every login's password as a file named after it (the chart's Secrets: the named workers' and each
pool's), or after the worker (its existingSecret, shared by a pool's members).
Usage: include "buildbot.workerPasswordSources" $ctx | nindent 14
*/}}
{{- define "buildbot.workerPasswordSources" -}}
- secret:
    name: {{ include "buildbot.workersSecretName" . }}
    optional: true
{{- range $name, $w := .Values.workers }}
{{- $existing := $w.existingSecret | default dict }}
{{- if and (not $existing.name) (gt (int (default 1 $w.replicas)) 1) }}
- secret:
    name: {{ include "buildbot.workerSecretName" (dict "ctx" $ "name" $name "worker" $w) }}
{{- else if $existing.name }}
- secret:
    name: {{ $existing.name | quote }}
    items:
      - key: {{ default "password" $existing.key | quote }}
        path: {{ $name }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A PodDisruptionBudget keeping one master of a component up during node drains.
Usage: include "buildbot.masterPDB" (dict "ctx" . "component" "master")
*/}}
{{- define "buildbot.masterPDB" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "buildbot.fullname" .ctx }}-{{ .component }}
  labels:
    {{- include "buildbot.labels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "buildbot.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 6 }}
{{- end -}}

{{/*
The headless Service a StatefulSet needs for its pods' stable DNS names.
Usage: include "buildbot.headlessService" (dict "ctx" . "component" "master" "portName" "pb" "port" 9989)
*/}}
{{- define "buildbot.headlessService" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "buildbot.fullname" .ctx }}-{{ .component }}-headless
  labels:
    {{- include "buildbot.labels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    {{- include "buildbot.selectorLabels" (dict "ctx" .ctx "component" .component) | nindent 4 }}
  ports:
    - name: {{ .portName }}
      port: {{ .port }}
      targetPort: {{ .portName }}
{{- end -}}

{{/*
The migration Job's spec (its name is a hash of it): `chartdb.py drain` (refuse a downgrade or a
jump, record the release's schema, wait for the masters of another Buildbot to drain), then
`chartdb.py migrate` (buildbot upgrade-master), both with the master image and master.cfg in the
role "migrate": only the database, no other Secret. Pass a dict: ctx, image.
Usage: include "buildbot.migrateJobSpec" (dict "ctx" . "image" $image)
*/}}
{{- define "buildbot.migrateJobSpec" -}}
{{- $ctx := .ctx -}}
{{- $m := $ctx.Values.master -}}
backoffLimit: 6
# A refusal (a downgrade, a jump Buildbot's upgrade notes rule out) fails the Job at once: retrying
# cannot change the answer.
podFailurePolicy:
  rules:
    - action: FailJob
      onExitCodes:
        operator: In
        values: [3]
template:
  metadata:
    labels:
      {{- include "buildbot.selectorLabels" (dict "ctx" $ctx "component" "migrate") | nindent 6 }}
  spec:
    restartPolicy: Never
    automountServiceAccountToken: false
    enableServiceLinks: false
    securityContext:
      {{- include "buildbot.podSecurity" (dict "values" $m.podSecurityContext "uid" 1000) | nindent 6 }}
    initContainers:
      - name: drain
        image: {{ include "buildbot.image" (dict "ctx" $ctx "image" .image) }}
        imagePullPolicy: {{ .image.pullPolicy | default "IfNotPresent" | quote }}
        securityContext:
          {{- include "buildbot.containerSecurity" $m.securityContext | nindent 10 }}
        command: ["/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "drain"]
        {{- include "buildbot.resources" (dict "resources" $m.resources "preset" ($m.resourcesPreset | default "small")) | nindent 8 }}
        workingDir: /buildbot
        env:
          - name: HOME
            value: /buildbot
          # The old masters' running builds get their whole grace period, and some more.
          - name: BUILDBOT_DRAIN_SECONDS
            value: {{ add (int $m.terminationGracePeriodSeconds) 600 | quote }}
          - name: CHART_STATE_DIR
            value: /chart-state
          {{- include "buildbot.databaseEnv" $ctx | nindent 10 }}
        volumeMounts:
          - name: config
            mountPath: /etc/buildbot/config
            readOnly: true
          - name: tmp
            mountPath: /tmp
          - name: chart-state
            mountPath: /chart-state
      {{- with $ctx.Values.migration.backup }}
      {{- if .enabled }}
      {{- $db := $ctx.Values.database }}
      # migration.backup: before a schema-changing migration (drain left /chart-state/migrate), a
      # pg_dump of the whole database into the claim, with the bundled database's image (the master
      # image has no pg_dump). Restore: README, "Upgrading Buildbot".
      - name: backup
        image: {{ printf "%s:%s" $db.image.repository $db.image.tag | quote }}
        imagePullPolicy: {{ $db.image.pullPolicy | default "IfNotPresent" | quote }}
        securityContext:
          {{- include "buildbot.containerSecurity" $m.securityContext | nindent 10 }}
        command:
          - /bin/sh
          - -ec
          - |
            [ -e /chart-state/migrate ] || { echo "backup: the schema does not change: no backup"; exit 0; }
            file="/backup/buildbot-$(date -u +%Y%m%dT%H%M%SZ).sql"
            pg_dump --no-owner --file="$file.partial"
            mv "$file.partial" "$file"
            echo "backup: $(cat /chart-state/migrate | tr -d '\n'): $file"
        env:
          - name: PGHOST
            value: {{ include "buildbot.databaseHost" $ctx | quote }}
          - name: PGPORT
            value: {{ $db.port | int | quote }}
          - name: PGDATABASE
            value: {{ $db.name | quote }}
          - name: PGUSER
            value: {{ $db.user | quote }}
          - name: PGPASSWORD
            valueFrom:
              secretKeyRef:
                name: {{ include "buildbot.databaseSecretName" $ctx | quote }}
                key: {{ include "buildbot.databaseSecretKey" $ctx | quote }}
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
        volumeMounts:
          - name: chart-state
            mountPath: /chart-state
            readOnly: true
          - name: backup
            mountPath: /backup
      {{- end }}
      {{- end }}
    containers:
      - name: migrate
        image: {{ include "buildbot.image" (dict "ctx" $ctx "image" .image) }}
        imagePullPolicy: {{ .image.pullPolicy | default "IfNotPresent" | quote }}
        securityContext:
          {{- include "buildbot.containerSecurity" $m.securityContext | nindent 10 }}
        command: ["/buildbot_venv/bin/python3", "/etc/buildbot/config/chartdb.py", "migrate"]
        {{- include "buildbot.resources" (dict "resources" $m.resources "preset" ($m.resourcesPreset | default "small")) | nindent 8 }}
        workingDir: /buildbot
        env:
          - name: BUILDBOT_ROLE
            value: migrate
          - name: HOME
            value: /buildbot
          {{- include "buildbot.databaseEnv" $ctx | nindent 10 }}
        volumeMounts:
          - name: config
            mountPath: /etc/buildbot/config
            readOnly: true
          - name: basedir
            mountPath: /buildbot
          - name: config
            mountPath: /buildbot/buildbot.tac
            subPath: buildbot.tac
            readOnly: true
          - name: tmp
            mountPath: /tmp
    volumes:
      - name: config
        configMap:
          name: {{ include "buildbot.fullname" $ctx }}-master
      - name: chart-state
        emptyDir: {}
      {{- if $ctx.Values.migration.backup.enabled }}
      - name: backup
        persistentVolumeClaim:
          claimName: {{ $ctx.Values.migration.backup.claimName | quote }}
      {{- end }}
      - name: basedir
        emptyDir: {}
      - name: tmp
        emptyDir: {}
{{- end -}}
