{{/* Chart name, truncated to the 63 characters Kubernetes allows. */}}
{{- define "polymaker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped base name: <release> when it already contains the chart name, else <release>-<chart>. */}}
{{- define "polymaker.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "polymaker.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "polymaker.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "polymaker.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "polymaker.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: polymaker
{{- end -}}

{{/* Selector labels of one component; call with (dict "root" $ "component" "market-data-service"). */}}
{{- define "polymaker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "polymaker.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "polymaker.image" -}}
{{- $registry := .root.Values.image.registry -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry .repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .repository $tag -}}
{{- end -}}
{{- end -}}

{{/* A flat map of Spring properties rendered as application.properties, sorted by key. */}}
{{- define "polymaker.properties" -}}
{{- range $key, $value := . }}
{{ $key }}={{ $value }}
{{- end }}
{{- end -}}

{{/* Actuator probes on the named container port "http". */}}
{{- define "polymaker.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .startupProbe.periodSeconds }}
  failureThreshold: {{ .startupProbe.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .livenessProbe.periodSeconds }}
  failureThreshold: {{ .livenessProbe.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .readinessProbe.periodSeconds }}
  failureThreshold: {{ .readinessProbe.failureThreshold }}
{{- end -}}

{{/* Properties every service gets from the chart: port, probes, graceful shutdown. */}}
{{- define "polymaker.platformProperties" -}}
server.port: {{ .port | quote }}
server.shutdown: graceful
management.endpoint.health.probes.enabled: "true"
{{- end -}}

{{- define "polymaker.prometheusAnnotations" -}}
{{- if .root.Values.prometheusScrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- end -}}

{{/* An env var from the release's Secret; optional unless required. */}}
{{- define "polymaker.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .name }}
      optional: {{ not .required }}
{{- end -}}
