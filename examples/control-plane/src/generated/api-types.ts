// generated — do not edit.
// Source: contracts/openapi.yaml. Regenerate: pnpm --filter @pressluft/example-control-plane run generate:api-types
export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and the readiness of each part (store, provisioning runtime); needs no authentication. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/provider-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The provider types this control plane can connect, with help on creating a token. */
        get: operations["listProviderTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All provider connections. */
        get: operations["listProviders"];
        put?: never;
        /**
         * Connect a provider account; the token is checked live, then stored sealed.
         * @description The connection is saved also when the live check fails; its `status` and `guidance` say why
         *     and what to do (rotate the token, then re-check).
         */
        post: operations["connectProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        /** One provider connection. */
        get: operations["getProvider"];
        put?: never;
        post?: never;
        /** Delete a connection; refused while nodes use it. */
        delete: operations["deleteProvider"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the stored token live again and save the new status. */
        post: operations["checkProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        get?: never;
        /** Replace the token (checked live first) and save the new status. */
        put: operations["rotateProviderToken"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{id}/options": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        /** What can be ordered with this connection (locations, server types, images). */
        get: operations["getProviderOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One page of nodes that are not deleted, oldest first.
         * @description Pages are ordered by creation time, then id, and walked with `next_cursor`: pass it back as
         *     `cursor` (with the same filters) for the next page, until it is `null`. A cursor stays valid
         *     while nodes are added or change, and no node is repeated or skipped because of that; nodes
         *     created after a cursor was handed out appear on a later page. Filters combine with AND.
         */
        get: operations["listNodes"];
        put?: never;
        /** Create a node; answers at once with the node and its node_provision job. */
        post: operations["createNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Node changes after a sequence value, as JSON or as a live Server-Sent Events stream.
         * @description Every write of a node gives it the next value of one persistent, increasing change sequence
         *     (`seq`; gaps are possible). This lists nodes changed after `after_seq`, each once with its
         *     latest state, in `seq` order; `last_seq` is the newest value, where a client that just loaded a
         *     list starts following.
         *
         *     With `Accept: text/event-stream` the answer is one live stream for all nodes: each event has
         *     `id:` = the change's `seq`, `event:` = `node-changed` and `data:` = the Node as JSON. It starts
         *     after `Last-Event-ID` (or `after_seq`), so an EventSource resumes where it stopped, also after a
         *     restart of the server; changes made by other processes sharing the store appear too. Comment lines
         *     (`: keep-alive`) keep idle connections open.
         */
        get: operations["listNodeChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        /** One node, with its last error and guidance. */
        get: operations["getNode"];
        put?: never;
        post?: never;
        /** Cancel any running work and enqueue a node_delete job (removes the server, then the node). */
        delete: operations["deleteNode"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a failed node (or re-provision a ready one); the new job resumes from the last checkpoint. */
        post: operations["retryNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/{id}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        /** One page of the jobs of a node, newest first. */
        get: operations["listNodeJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One page of jobs, newest first.
         * @description Ordered by creation time, then id, both descending, and walked with `next_cursor` like the node
         *     list. Filters combine with AND.
         */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /** One job: status, attempts, current step, last error code and guidance. */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a job to stop; a running handler is aborted. */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
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
        get: operations["listJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description A code of the error-code registry (`docs/error-codes.md`).
         * @enum {string}
         */
        ErrorCode: "PROVIDER_AUTH_INVALID" | "PROVIDER_TOKEN_READONLY" | "PROVIDER_PERMISSION_DENIED" | "PROVIDER_RATE_LIMITED" | "PROVIDER_UNAVAILABLE" | "PROVIDER_TIMEOUT" | "PROVIDER_ACTION_FAILED" | "PROVIDER_CAPACITY_UNAVAILABLE" | "PROVIDER_QUOTA_EXCEEDED" | "PROVIDER_INVALID_REQUEST" | "PROVIDER_CONFLICT" | "PROVIDER_NAME_TAKEN" | "PROVIDER_SSH_KEY_FAILED" | "PROVIDER_SERVER_NOT_FOUND" | "PROVIDER_SERVER_NOT_READY" | "PROVIDER_NOT_CONNECTED" | "PROVIDER_PROTOCOL_ERROR" | "PROVIDER_UNKNOWN" | "PROVIDER_UNSUPPORTED" | "PROVIDER_TYPE_UNKNOWN" | "PROVISION_RUNTIME_MISSING" | "PROVISION_SSH_UNREACHABLE" | "PROVISION_IPV6_UNREACHABLE" | "PROVISION_SSH_AUTH_FAILED" | "PROVISION_HOST_KEY_MISMATCH" | "PROVISION_PLAYBOOK_INVALID" | "PROVISION_PLAYBOOK_FAILED" | "PROVISION_TIMEOUT" | "PROVISION_CANCELLED" | "PROVISION_READINESS_FAILED" | "JOB_LEASE_LOST" | "JOB_LEASE_EXPIRED" | "JOB_TIMEOUT" | "JOB_CANCELLED" | "JOB_INVALID_TRANSITION" | "JOB_ATTEMPTS_EXHAUSTED" | "JOB_HANDLER_FAILED" | "JOB_KIND_UNKNOWN" | "STORE_UNAVAILABLE" | "STORE_CORRUPT" | "STORE_SCHEMA_TOO_NEW" | "STORE_READ_ONLY" | "STORE_DISK_FULL" | "STORE_CONSTRAINT" | "STORE_FAILED" | "VALIDATION_FAILED" | "VALIDATION_BAD_JSON" | "VALIDATION_PAYLOAD_TOO_LARGE" | "VALIDATION_HEADERS_TOO_LARGE" | "VALIDATION_TOO_MANY_ATTEMPTS" | "VALIDATION_OPTION_UNAVAILABLE" | "SECRET_KEY_INVALID" | "SECRET_KEY_FILE_INSECURE" | "SECRET_KEY_UNAVAILABLE" | "SECRET_DECRYPT_FAILED" | "NOT_FOUND" | "CONFLICT" | "UNAUTHORIZED" | "FORBIDDEN" | "INTERNAL";
        ErrorResponse: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description What went wrong, for a person; never contains a secret. */
                message: string;
                /** @description What an operator can do about it. */
                guidance?: string;
                /** @description Structured facts (for VALIDATION_FAILED, the issues and unknown fields). */
                details?: {
                    [key: string]: unknown;
                };
                /** @description The request's id, also sent as the X-Request-Id header and written in each log line of the request. */
                request_id?: string;
            };
        };
        LastError: {
            code: components["schemas"]["ErrorCode"];
            message: string;
            guidance: string;
        };
        Health: {
            /**
             * @description `ok` when every part is ready; `degraded` when one is not (the server still answers).
             * @enum {string}
             */
            status: "ok" | "degraded";
            parts: {
                http: components["schemas"]["HealthPart"];
                store: components["schemas"]["HealthPart"];
                provisioner: components["schemas"]["HealthPart"];
            };
        };
        HealthPart: {
            /**
             * @description `checking` until the first check answered (the provisioning runtime is checked in the background).
             * @enum {string}
             */
            state: "ready" | "checking" | "missing" | "failed";
            /** @description What was found (a version) or what is missing. */
            detail?: string;
            code?: components["schemas"]["ErrorCode"];
            /** @description What to do */
            guidance?: string;
        };
        ProviderType: {
            /** @example hetzner */
            type: string;
            display_name: string;
            docs_url: string;
            /** @description How to create a token with the right permissions. */
            token_help: string;
        };
        /**
         * @description The result of the last live check, or `unchecked` before the first one.
         * @enum {string}
         */
        ProviderStatus: "connected" | "invalid" | "read_only" | "insufficient_permissions" | "unreachable" | "unchecked";
        Provider: {
            id: string;
            type: string;
            name: string;
            status: components["schemas"]["ProviderStatus"];
            status_guidance: string | null;
            /** Format: date-time */
            checked_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        CredentialCheck: {
            /** @enum {string} */
            status: "connected" | "invalid" | "read_only" | "insufficient_permissions" | "unreachable";
            guidance: string;
            error_code?: components["schemas"]["ErrorCode"];
        };
        CheckedProvider: {
            provider: components["schemas"]["Provider"];
            check: components["schemas"]["CredentialCheck"];
        };
        ConnectProviderRequest: {
            /** @example hetzner */
            type: string;
            name: string;
            /** @description The provider API token; stored sealed and never returned. */
            token: string;
        };
        RotateTokenRequest: {
            token: string;
        };
        Location: {
            name: string;
            description: string;
            country: string;
            city: string;
            network_zone: string;
        };
        Price: {
            location: string;
            monthly_gross: string;
            hourly_gross: string;
            currency: string;
        };
        /** @description A location where the type is deprecated but can still be ordered, until `unavailable_after`. */
        ServerTypeDeprecation: {
            location: string;
            /** Format: date-time */
            announced: string | null;
            /**
             * Format: date-time
             * @description After this moment the type can no longer be ordered there (null when the provider gives no date).
             */
            unavailable_after: string | null;
        };
        /** @description A catalog entry the provider adapter did not understand and left out. */
        SkippedCatalogEntry: {
            /** @enum {string} */
            kind: "location" | "server_type" | "image";
            /** @description Its name (or `#id`); `type@location` for one location of a server type. */
            name: string;
            reason: string;
        };
        ServerType: {
            name: string;
            description: string;
            cores: number;
            memory_gb: number;
            disk_gb: number;
            /** @enum {string} */
            architecture: "x86" | "arm";
            available_in: string[];
            recommended_in: string[];
            /** @description Monthly and hourly gross price per location of `available_in`. */
            prices: components["schemas"]["Price"][];
            /** @description Locations of `available_in` where the type is deprecated; empty when it is not. */
            deprecations: components["schemas"]["ServerTypeDeprecation"][];
        };
        Image: {
            name: string;
            description: string;
            /** @enum {string} */
            architecture: "x86" | "arm";
            os_flavor: string;
            os_version: string;
        };
        ProviderOptions: {
            locations: components["schemas"]["Location"][];
            server_types: components["schemas"]["ServerType"][];
            images: components["schemas"]["Image"][];
            /** @description Entries left out because the provider adapter did not understand them (a warning; the rest is usable). */
            skipped: components["schemas"]["SkippedCatalogEntry"][];
        };
        CreateNodeRequest: {
            provider_id: string;
            /** @description Lower-case letters, digits and dashes, 1–63 characters; also the server's name. */
            name: string;
            location: string;
            server_type: string;
            /** @description Defaults to ubuntu-24.04. */
            image?: string;
        };
        /** @enum {string} */
        NodeStatus: "pending" | "acquiring" | "provisioning" | "ready" | "failed" | "deleting" | "deleted";
        SshTarget: {
            host: string;
            port: number;
            user: string;
        };
        /** @description Pass as `cursor` for the next page; `null` on the last page. Opaque. */
        NextCursor: string | null;
        NodeChange: {
            /** @description The position of the change in the node change sequence. */
            seq: number;
            node: components["schemas"]["Node"];
        };
        Node: {
            id: string;
            provider_id: string;
            name: string;
            location: string;
            server_type: string;
            image: string;
            status: components["schemas"]["NodeStatus"];
            provider_server_id: string | null;
            ipv4: string | null;
            ipv6: string | null;
            ssh_target: components["schemas"]["SshTarget"] | null;
            /** @description The SSH host key pinned on first contact. */
            host_key: string | null;
            last_error: components["schemas"]["LastError"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @enum {string} */
        JobStatus: "queued" | "running" | "succeeded" | "failed" | "cancelled";
        Job: {
            id: string;
            /**
             * @example node_provision
             * @example node_delete
             */
            kind: string;
            status: components["schemas"]["JobStatus"];
            node_id: string | null;
            attempts: number;
            max_attempts: number;
            current_step: string | null;
            last_error: components["schemas"]["LastError"] | null;
            cancel_requested: boolean;
            /**
             * Format: date-time
             * @description The earliest time the job may run (next retry).
             */
            run_at: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            finished_at: string | null;
        };
        NodeWithJob: {
            node: components["schemas"]["Node"];
            job: components["schemas"]["Job"];
        };
        /** @enum {string} */
        JobEventType: "job-queued" | "job-started" | "step-started" | "step-succeeded" | "step-progress" | "provision-event" | "job-retry-scheduled" | "job-released" | "job-succeeded" | "job-failed" | "job-cancelled";
        JobEvent: {
            job_id: string;
            seq: number;
            type: components["schemas"]["JobEventType"];
            /** Format: date-time */
            at: string;
            /** @description Facts about the event (step name, attempt, error code, Ansible task); never secrets. */
            data: {
                [key: string]: unknown;
            };
        };
    };
    responses: {
        /** @description Invalid input (`VALIDATION_FAILED`, with the problems in details) or a body that is not JSON (`VALIDATION_BAD_JSON`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No valid operator token or session (`UNAUTHORIZED`). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description A cookie-authenticated change without a CSRF token or a matching Origin (`FORBIDDEN`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No such resource (`NOT_FOUND`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request does not fit the resource's current state (`CONFLICT`, `PROVIDER_NOT_CONNECTED`, ...). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body exceeds the size limit (`VALIDATION_PAYLOAD_TOO_LARGE`). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Well-formed but refused input (`PROVIDER_TYPE_UNKNOWN`, `VALIDATION_OPTION_UNAVAILABLE`, ...). */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The provider failed (`PROVIDER_*`). */
        UpstreamFailure: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The provider or the store is unavailable for now (retryable codes). */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /** @description Rows per page, 1 to 500; default 50. */
        Limit: string;
        /** @description The `next_cursor` of the previous page, unchanged. Opaque; a cursor that was not handed out is `400`. */
        Cursor: string;
        /** @description The provider connection id (`prv_…`). */
        ProviderId: string;
        /** @description The node id (`node_…`). */
        NodeId: string;
        /** @description The job id (`job_…`). */
        JobId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server is up; `status` says whether every part is ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    listProviderTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        provider_types: components["schemas"]["ProviderType"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    listProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connections, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        providers: components["schemas"]["Provider"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    connectProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectProviderRequest"];
            };
        };
        responses: {
            /** @description The saved connection with the result of the live check. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
        };
    };
    getProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        provider: components["schemas"]["Provider"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    checkProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection with the result of the check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    rotateProviderToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateTokenRequest"];
            };
        };
        responses: {
            /** @description The connection with the result of the check of the new token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckedProvider"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
        };
    };
    getProviderOptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The provider connection id (`prv_…`). */
                id: components["parameters"]["ProviderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog, for the pickers of the create-node form. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderOptions"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            502: components["responses"]["UpstreamFailure"];
            503: components["responses"]["Unavailable"];
        };
    };
    listNodes: {
        parameters: {
            query?: {
                /** @description Rows per page, 1 to 500; default 50. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Opaque; a cursor that was not handed out is `400`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only nodes in these statuses, comma-separated (`ready,failed`). */
                status?: string;
                /** @description Only nodes of this provider connection. */
                provider_id?: string;
                /** @description Only nodes whose name starts with this (case-sensitive). */
                name_prefix?: string;
                /** @description Set to `true` to list deleted nodes too. */
                include_deleted?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The nodes of this page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        nodes: components["schemas"]["Node"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createNode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateNodeRequest"];
            };
        };
        responses: {
            /** @description The node was saved and its provisioning job enqueued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /**
             * @description The provider connection is not connected (`PROVIDER_NOT_CONNECTED`), or the name is taken
             *     (`CONFLICT`, `STORE_CONSTRAINT`).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
        };
    };
    listNodeChanges: {
        parameters: {
            query?: {
                /** @description Only changes with a larger `seq`; default 0. */
                after_seq?: string;
                /** @description Rows per page, 1 to 500; default 50. */
                limit?: components["parameters"]["Limit"];
            };
            header?: {
                /** @description Resume a stream after this `seq` (sent by EventSource on reconnect). */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes in order of `seq` (at most `limit`, default 50). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changes: components["schemas"]["NodeChange"][];
                        /** @description The newest change sequence value when the answer was made. */
                        last_seq: number;
                    };
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        node: components["schemas"]["Node"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node and its node_delete job. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    retryNode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node and its new job. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NodeWithJob"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    listNodeJobs: {
        parameters: {
            query?: {
                /** @description Rows per page, 1 to 500; default 50. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Opaque; a cursor that was not handed out is `400`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The node id (`node_…`). */
                id: components["parameters"]["NodeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The jobs of this page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["Job"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Rows per page, 1 to 500; default 50. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, unchanged. Opaque; a cursor that was not handed out is `400`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only jobs in these statuses, comma-separated (`queued,running`). */
                status?: string;
                /** @description Only jobs of these kinds, comma-separated (`node_provision`). */
                kind?: string;
                /** @description Only jobs of this node. */
                node_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The jobs of this page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        jobs: components["schemas"]["Job"][];
                        next_cursor: components["schemas"]["NextCursor"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job after the request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: components["schemas"]["Job"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    listJobEvents: {
        parameters: {
            query?: {
                /** @description Only events with a larger `seq`. */
                after_seq?: string;
            };
            header?: {
                /** @description Resume a stream after this `seq` (sent by EventSource on reconnect). */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description The job id (`job_…`). */
                id: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events in order of `seq`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["JobEvent"][];
                    };
                    "text/event-stream": string;
                };
            };
            /** @description The stream has nothing more to send. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
}
