// generated — do not edit.
// Source: contracts/openapi.yaml. Regenerate: pnpm --filter @pressluft/example-control-plane run generate:api-types
export interface paths {
    readonly "/api/health": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Liveness check; needs no authentication. */
        readonly get: operations["getHealth"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/provider-types": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The provider types this control plane can connect, with help on creating a token. */
        readonly get: operations["listProviderTypes"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/providers": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** All provider connections. */
        readonly get: operations["listProviders"];
        readonly put?: never;
        /**
         * Connect a provider account; the token is checked live, then stored sealed.
         * @description The connection is saved also when the live check fails; its `status` and `guidance` say why
         *     and what to do (rotate the token, then re-check).
         */
        readonly post: operations["connectProvider"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/providers/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        /** One provider connection. */
        readonly get: operations["getProvider"];
        readonly put?: never;
        readonly post?: never;
        /** Delete a connection; refused while nodes use it. */
        readonly delete: operations["deleteProvider"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/providers/{id}/check": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Check the stored token live again and save the new status. */
        readonly post: operations["checkProvider"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/providers/{id}/token": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        /** Replace the token (checked live first) and save the new status. */
        readonly put: operations["rotateProviderToken"];
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/providers/{id}/options": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        /** What can be ordered with this connection (locations, server types, images). */
        readonly get: operations["getProviderOptions"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/nodes": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** All nodes that are not deleted, oldest first. */
        readonly get: operations["listNodes"];
        readonly put?: never;
        /** Create a node; answers at once with the node and its node_provision job. */
        readonly post: operations["createNode"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/nodes/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        /** One node, with its last error and guidance. */
        readonly get: operations["getNode"];
        readonly put?: never;
        readonly post?: never;
        /** Cancel any running work and enqueue a node_delete job (removes the server, then the node). */
        readonly delete: operations["deleteNode"];
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/nodes/{id}/retry": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Retry a failed node (or re-provision a ready one); the new job resumes from the last checkpoint. */
        readonly post: operations["retryNode"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/nodes/{id}/jobs": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        /** The jobs of a node, newest first. */
        readonly get: operations["listNodeJobs"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/jobs/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        /** One job: status, attempts, current step, last error code and guidance. */
        readonly get: operations["getJob"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/jobs/{id}/cancel": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Ask a job to stop; a running handler is aborted. */
        readonly post: operations["cancelJob"];
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/jobs/{id}/events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        /**
         * A job's events, as JSON or as a live Server-Sent Events stream.
         * @description With `Accept: text/event-stream` the answer is a live stream: each event has `id:` = its
         *     `seq`, `event:` = its `type` and `data:` = the JobEvent as JSON. The stream starts after
         *     `Last-Event-ID` (or `after_seq`), replays stored events, then follows live ones, and ends after
         *     the job's terminal event (`job-succeeded`, `job-failed`, `job-cancelled`). When nothing can
         *     follow (the job is finished and the client has seen its last event) the answer is `204`, which
         *     tells an EventSource to stop reconnecting. Comment lines (`: keep-alive`) keep idle connections open.
         */
        readonly get: operations["listJobEvents"];
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description A code of the error-code registry (`docs/error-codes.md`).
         * @enum {string}
         */
        readonly ErrorCode: "PROVIDER_AUTH_INVALID" | "PROVIDER_TOKEN_READONLY" | "PROVIDER_PERMISSION_DENIED" | "PROVIDER_RATE_LIMITED" | "PROVIDER_UNAVAILABLE" | "PROVIDER_TIMEOUT" | "PROVIDER_ACTION_FAILED" | "PROVIDER_CAPACITY_UNAVAILABLE" | "PROVIDER_QUOTA_EXCEEDED" | "PROVIDER_INVALID_REQUEST" | "PROVIDER_CONFLICT" | "PROVIDER_NAME_TAKEN" | "PROVIDER_SSH_KEY_FAILED" | "PROVIDER_SERVER_NOT_FOUND" | "PROVIDER_SERVER_NOT_READY" | "PROVIDER_NOT_CONNECTED" | "PROVIDER_PROTOCOL_ERROR" | "PROVIDER_UNKNOWN" | "PROVIDER_UNSUPPORTED" | "PROVIDER_TYPE_UNKNOWN" | "PROVISION_RUNTIME_MISSING" | "PROVISION_SSH_UNREACHABLE" | "PROVISION_SSH_AUTH_FAILED" | "PROVISION_HOST_KEY_MISMATCH" | "PROVISION_PLAYBOOK_INVALID" | "PROVISION_PLAYBOOK_FAILED" | "PROVISION_TIMEOUT" | "PROVISION_CANCELLED" | "PROVISION_READINESS_FAILED" | "JOB_LEASE_LOST" | "JOB_LEASE_EXPIRED" | "JOB_TIMEOUT" | "JOB_CANCELLED" | "JOB_INVALID_TRANSITION" | "JOB_ATTEMPTS_EXHAUSTED" | "JOB_HANDLER_FAILED" | "JOB_KIND_UNKNOWN" | "STORE_UNAVAILABLE" | "STORE_CORRUPT" | "STORE_SCHEMA_TOO_NEW" | "STORE_READ_ONLY" | "STORE_DISK_FULL" | "STORE_CONSTRAINT" | "STORE_FAILED" | "VALIDATION_FAILED" | "VALIDATION_BAD_JSON" | "VALIDATION_PAYLOAD_TOO_LARGE" | "VALIDATION_OPTION_UNAVAILABLE" | "SECRET_KEY_INVALID" | "SECRET_KEY_FILE_INSECURE" | "SECRET_KEY_UNAVAILABLE" | "SECRET_DECRYPT_FAILED" | "NOT_FOUND" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
        readonly ErrorResponse: {
            readonly error: {
                readonly code: components["schemas"]["ErrorCode"];
                /** @description What went wrong, for a person; never contains a secret. */
                readonly message: string;
                /** @description What an operator can do about it. */
                readonly guidance?: string;
                /** @description Structured facts (for VALIDATION_FAILED, the issues and unknown fields). */
                readonly details?: {
                    readonly [key: string]: unknown;
                };
            };
        };
        readonly LastError: {
            readonly code: components["schemas"]["ErrorCode"];
            readonly message: string;
            readonly guidance: string;
        };
        readonly Health: {
            /** @enum {string} */
            readonly status: "ok";
        };
        readonly ProviderType: {
            /** @example hetzner */
            readonly type: string;
            readonly display_name: string;
            readonly docs_url: string;
            /** @description How to create a token with the right permissions. */
            readonly token_help: string;
        };
        /**
         * @description The result of the last live check, or `unchecked` before the first one.
         * @enum {string}
         */
        readonly ProviderStatus: "connected" | "invalid" | "read_only" | "insufficient_permissions" | "unreachable" | "unchecked";
        readonly Provider: {
            readonly id: string;
            readonly type: string;
            readonly name: string;
            readonly status: components["schemas"]["ProviderStatus"];
            readonly status_guidance: string | null;
            /** Format: date-time */
            readonly checked_at: string | null;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
        readonly CredentialCheck: {
            /** @enum {string} */
            readonly status: "connected" | "invalid" | "read_only" | "insufficient_permissions" | "unreachable";
            readonly guidance: string;
            readonly error_code?: components["schemas"]["ErrorCode"];
        };
        readonly CheckedProvider: {
            readonly provider: components["schemas"]["Provider"];
            readonly check: components["schemas"]["CredentialCheck"];
        };
        readonly ConnectProviderRequest: {
            /** @example hetzner */
            readonly type: string;
            readonly name: string;
            /** @description The provider API token; stored sealed and never returned. */
            readonly token: string;
        };
        readonly RotateTokenRequest: {
            readonly token: string;
        };
        readonly Location: {
            readonly name: string;
            readonly description: string;
            readonly country: string;
            readonly city: string;
            readonly network_zone: string;
        };
        readonly Price: {
            readonly location: string;
            readonly monthly_gross: string;
            readonly hourly_gross: string;
            readonly currency: string;
        };
        readonly ServerType: {
            readonly name: string;
            readonly description: string;
            readonly cores: number;
            readonly memory_gb: number;
            readonly disk_gb: number;
            /** @enum {string} */
            readonly architecture: "x86" | "arm";
            readonly available_in: readonly string[];
            readonly recommended_in: readonly string[];
            readonly prices: readonly components["schemas"]["Price"][];
        };
        readonly Image: {
            readonly name: string;
            readonly description: string;
            /** @enum {string} */
            readonly architecture: "x86" | "arm";
            readonly os_flavor: string;
            readonly os_version: string;
        };
        readonly ProviderOptions: {
            readonly locations: readonly components["schemas"]["Location"][];
            readonly server_types: readonly components["schemas"]["ServerType"][];
            readonly images: readonly components["schemas"]["Image"][];
        };
        readonly CreateNodeRequest: {
            readonly provider_id: string;
            /** @description Lower-case letters, digits and dashes, 1–63 characters; also the server's name. */
            readonly name: string;
            readonly location: string;
            readonly server_type: string;
            /** @description Defaults to ubuntu-24.04. */
            readonly image?: string;
        };
        /** @enum {string} */
        readonly NodeStatus: "pending" | "acquiring" | "provisioning" | "ready" | "failed" | "deleting" | "deleted";
        readonly SshTarget: {
            readonly host: string;
            readonly port: number;
            readonly user: string;
        };
        readonly Node: {
            readonly id: string;
            readonly provider_id: string;
            readonly name: string;
            readonly location: string;
            readonly server_type: string;
            readonly image: string;
            readonly status: components["schemas"]["NodeStatus"];
            readonly provider_server_id: string | null;
            readonly ipv4: string | null;
            readonly ipv6: string | null;
            readonly ssh_target: components["schemas"]["SshTarget"] | null;
            /** @description The SSH host key pinned on first contact. */
            readonly host_key: string | null;
            readonly last_error: components["schemas"]["LastError"] | null;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
        };
        /** @enum {string} */
        readonly JobStatus: "queued" | "running" | "succeeded" | "failed" | "cancelled";
        readonly Job: {
            readonly id: string;
            /**
             * @example node_provision
             * @example node_delete
             */
            readonly kind: string;
            readonly status: components["schemas"]["JobStatus"];
            readonly node_id: string | null;
            readonly attempts: number;
            readonly max_attempts: number;
            readonly current_step: string | null;
            readonly last_error: components["schemas"]["LastError"] | null;
            readonly cancel_requested: boolean;
            /**
             * Format: date-time
             * @description The earliest time the job may run (next retry).
             */
            readonly run_at: string;
            /** Format: date-time */
            readonly created_at: string;
            /** Format: date-time */
            readonly updated_at: string;
            /** Format: date-time */
            readonly finished_at: string | null;
        };
        readonly NodeWithJob: {
            readonly node: components["schemas"]["Node"];
            readonly job: components["schemas"]["Job"];
        };
        /** @enum {string} */
        readonly JobEventType: "job-queued" | "job-started" | "step-started" | "step-succeeded" | "step-progress" | "provision-event" | "job-retry-scheduled" | "job-released" | "job-succeeded" | "job-failed" | "job-cancelled";
        readonly JobEvent: {
            readonly job_id: string;
            readonly seq: number;
            readonly type: components["schemas"]["JobEventType"];
            /** Format: date-time */
            readonly at: string;
            /** @description Facts about the event (step name, attempt, error code, Ansible task); never secrets. */
            readonly data: {
                readonly [key: string]: unknown;
            };
        };
    };
    responses: {
        /** @description Invalid input (`VALIDATION_FAILED`, with the problems in details) or a body that is not JSON (`VALIDATION_BAD_JSON`). */
        readonly BadRequest: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No valid operator token or session (`UNAUTHORIZED`). */
        readonly Unauthorized: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description A cookie-authenticated change without a CSRF token or a matching Origin (`FORBIDDEN`). */
        readonly Forbidden: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such resource (`NOT_FOUND`). */
        readonly NotFound: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request does not fit the resource's current state (`CONFLICT`, `PROVIDER_NOT_CONNECTED`, ...). */
        readonly Conflict: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body exceeds the size limit (`VALIDATION_PAYLOAD_TOO_LARGE`). */
        readonly PayloadTooLarge: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Well-formed but refused input (`PROVIDER_TYPE_UNKNOWN`, `VALIDATION_OPTION_UNAVAILABLE`, ...). */
        readonly Unprocessable: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The provider failed (`PROVIDER_*`). */
        readonly UpstreamFailure: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The provider or the store is unavailable for now (retryable codes). */
        readonly Unavailable: {
            headers: {
                readonly [name: string]: unknown;
            };
            content: {
                readonly "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /** @description The provider connection id (`prv_…`). */
        readonly ProviderId: string;
        /** @description The node id (`node_…`). */
        readonly NodeId: string;
        /** @description The job id (`job_…`). */
        readonly JobId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    readonly getHealth: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The server is up. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    readonly listProviderTypes: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The provider types. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly provider_types: readonly components["schemas"]["ProviderType"][];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
        };
    };
    readonly listProviders: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The connections, oldest first. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly providers: readonly components["schemas"]["Provider"][];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
        };
    };
    readonly connectProvider: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["ConnectProviderRequest"];
            };
        };
        readonly responses: {
            /** @description The saved connection with the result of the live check. */
            readonly 201: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            readonly 400: components["responses"]["BadRequest"];
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 422: components["responses"]["Unprocessable"];
        };
    };
    readonly getProvider: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The connection. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly provider: components["schemas"]["Provider"];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
    readonly deleteProvider: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description Deleted. */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            readonly 409: components["responses"]["Conflict"];
        };
    };
    readonly checkProvider: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The connection with the result of the check. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
    readonly rotateProviderToken: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["RotateTokenRequest"];
            };
        };
        readonly responses: {
            /** @description The connection with the result of the check of the new token. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            readonly 400: components["responses"]["BadRequest"];
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            readonly 413: components["responses"]["PayloadTooLarge"];
        };
    };
    readonly getProviderOptions: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The provider connection id (`prv_…`). */
                readonly id: components["parameters"]["ProviderId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The catalog, for the pickers of the create-node form. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ProviderOptions"];
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
            readonly 409: components["responses"]["Conflict"];
            readonly 502: components["responses"]["UpstreamFailure"];
            readonly 503: components["responses"]["Unavailable"];
        };
    };
    readonly listNodes: {
        readonly parameters: {
            readonly query?: {
                /** @description Set to `true` to list deleted nodes too. */
                readonly include_deleted?: "true" | "false";
            };
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The nodes. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly nodes: readonly components["schemas"]["Node"][];
                    };
                };
            };
            readonly 400: components["responses"]["BadRequest"];
            readonly 401: components["responses"]["Unauthorized"];
        };
    };
    readonly createNode: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly requestBody: {
            readonly content: {
                readonly "application/json": components["schemas"]["CreateNodeRequest"];
            };
        };
        readonly responses: {
            /** @description The node was saved and its provisioning job enqueued. */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            readonly 400: components["responses"]["BadRequest"];
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            /**
             * @description The provider connection is not connected (`PROVIDER_NOT_CONNECTED`), or the name is taken
             *     (`CONFLICT`, `STORE_CONSTRAINT`).
             */
            readonly 409: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            readonly 413: components["responses"]["PayloadTooLarge"];
            readonly 422: components["responses"]["Unprocessable"];
        };
    };
    readonly getNode: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The node. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly node: components["schemas"]["Node"];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
    readonly deleteNode: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The node and its node_delete job. */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            readonly 409: components["responses"]["Conflict"];
        };
    };
    readonly retryNode: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The node and its new job. */
            readonly 202: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            readonly 409: components["responses"]["Conflict"];
        };
    };
    readonly listNodeJobs: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The node id (`node_…`). */
                readonly id: components["parameters"]["NodeId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The jobs. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly jobs: readonly components["schemas"]["Job"][];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
    readonly getJob: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The job. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly job: components["schemas"]["Job"];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
    readonly cancelJob: {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The job after the request. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly job: components["schemas"]["Job"];
                    };
                };
            };
            readonly 401: components["responses"]["Unauthorized"];
            readonly 403: components["responses"]["Forbidden"];
            readonly 404: components["responses"]["NotFound"];
            readonly 409: components["responses"]["Conflict"];
        };
    };
    readonly listJobEvents: {
        readonly parameters: {
            readonly query?: {
                /** @description Only events with a larger `seq`. */
                readonly after_seq?: string;
            };
            readonly header?: {
                /** @description Resume a stream after this `seq` (sent by EventSource on reconnect). */
                readonly "Last-Event-ID"?: string;
            };
            readonly path: {
                /** @description The job id (`job_…`). */
                readonly id: components["parameters"]["JobId"];
            };
            readonly cookie?: never;
        };
        readonly requestBody?: never;
        readonly responses: {
            /** @description The events in order of `seq`. */
            readonly 200: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content: {
                    readonly "application/json": {
                        readonly events: readonly components["schemas"]["JobEvent"][];
                    };
                    readonly "text/event-stream": string;
                };
            };
            /** @description The stream has nothing more to send. */
            readonly 204: {
                headers: {
                    readonly [name: string]: unknown;
                };
                content?: never;
            };
            readonly 400: components["responses"]["BadRequest"];
            readonly 401: components["responses"]["Unauthorized"];
            readonly 404: components["responses"]["NotFound"];
        };
    };
}
