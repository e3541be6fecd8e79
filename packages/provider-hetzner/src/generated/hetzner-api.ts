// generated — do not edit.
// Source: Hetzner Cloud OpenAPI description, version 5134cbc,
// pruned to the endpoints the adapter calls and updated to the 2026 API by scripts/transform-openapi.ts.
// Regenerate: pnpm --filter @pressluft/provider-hetzner run generate

export interface paths {
    "/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get multiple Actions
         * Returns multiple Action objects specified by the `id` parameter.
         *
         *     **Note**: This endpoint previously allowed listing all actions in the project. This functionality was deprecated in July 2023 and removed on 30 January 2025.
         *
         *     - Announcement: https://docs.hetzner.cloud/changelog#2023-07-20-actions-list-endpoint-is-deprecated
         *     - Removal: https://docs.hetzner.cloud/changelog#2025-01-30-listing-arbitrary-actions-in-the-actions-list-endpoint-is-removed
         */
        get: operations["get_multiple_actions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an Action
         * Returns a specific Action object.
         */
        get: operations["get_action"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Images
         * Returns all Image objects. You can select specific Image types only and sort the results by using URI parameters.
         */
        get: operations["list_images"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Locations
         * Returns all Locations.
         *
         *     Use the provided URI parameters to modify the result.
         */
        get: operations["list_locations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/server_types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Server Types
         * Gets all Server type objects.
         */
        get: operations["list_server_types"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Servers
         * Returns all existing Server objects.
         */
        get: operations["list_servers"];
        put?: never;
        /**
         * Create a Server
         * Creates a new Server. Returns preliminary information about the Server as well as an Action that covers progress of creation.
         *
         *     #### Operation specific errors
         *
         *     | Status | Code | Description |
         *     | --- | --- | --- |
         *     |  | `placement_error` | An error during the placement occurred |
         *     |  | `primary_ip_assigned` | The specified Primary IP is already assigned to a server |
         *     |  | `primary_ip_datacenter_mismatch` | he specified Primary IP is in a different datacenter |
         *     |  | `primary_ip_version_mismatch` | The specified Primary IP has the wrong IP Version |
         */
        post: operations["create_server"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a Server
         * Returns a specific Server object. The Server must exist inside the Project.
         */
        get: operations["get_server"];
        /**
         * Update a Server
         * Updates a Server. You can update a Server’s name and a Server’s labels.
         *
         *     Please note that Server names must be unique per Project and valid hostnames as per RFC 1123 (i.e. may only contain letters, digits, periods, and dashes).
         */
        put: operations["replace_server"];
        post?: never;
        /**
         * Delete a Server
         * Deletes a Server.
         *
         *     This immediately removes the Server from your account, and it is no longer
         *     accessible. Any resources attached to the server (like Volumes, Primary IPs,
         *     Floating IPs, Firewalls, Placement Groups) are detached while the server is deleted.
         */
        delete: operations["delete_server"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Actions for a Server
         * Returns all Action objects for a Server. You can `sort` the results by using the sort URI parameter, and filter them with the `status` parameter.
         */
        get: operations["list_actions_for_server"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ssh_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SSH keys
         * Returns all SSH key objects.
         */
        get: operations["list_ssh_keys"];
        put?: never;
        /**
         * Create an SSH key
         * Creates a new SSH key with the given `name` and `public_key`. Once an SSH key is created, it can be used in other calls such as creating Servers.
         */
        post: operations["create_ssh_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ssh_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a SSH key
         * Returns a specific SSH key object.
         */
        get: operations["get_ssh_key"];
        /**
         * Update an SSH key
         * Updates an SSH key. You can update an SSH key name and an SSH key labels.
         */
        put: operations["replace_ssh_key"];
        post?: never;
        /**
         * Delete an SSH key
         * Deletes an SSH key. It cannot be used anymore.
         */
        delete: operations["delete_ssh_key"];
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
         * Action
         * Actions show the results and progress of asynchronous requests to the API.
         */
        action: {
            /**
             * Command executed in the Action.
             * @example start_resource
             */
            command: string;
            /** Error message for the Action if an error occurred, otherwise null. */
            error: components["schemas"]["error"] | null;
            /**
             * Format: date-time
             * Point in time when the Action was finished (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format). Only set if the Action is finished otherwise null.
             * @example 2016-01-30T23:55:00Z
             */
            finished: string | null;
            /**
             * Format: int64
             * ID of the Action.
             * @example 42
             */
            id: number;
            /**
             * Format: int32
             * Progress of the Action in percent.
             * @example 100
             */
            progress: number;
            /** Resources the Action relates to. */
            resources: components["schemas"]["resource"][];
            /**
             * Format: date-time
             * Point in time when the Action was started (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example 2016-01-30T23:55:00Z
             */
            started: string;
            /**
             * Status of the Action.
             * @enum {string}
             */
            status: "error" | "running" | "success";
        };
        /**
         * CPU architecture compatible with the Image.
         *      | CPU architecture compatible with the ISO.
         *
         *     Null indicates no restriction on the architecture (wildcard).
         *      | CPU architecture of the Server Type.
         * @example x86
         * @enum {string}
         */
        architecture: "arm" | "x86";
        /**
         * CreateServerRequest
         * Request for POST https://api.hetzner.cloud/v1/servers
         */
        create_server_request: {
            /**
             * Auto-mount Volumes after attach.
             * @example false
             */
            automount?: boolean;
            /**
             * Firewalls which should be applied on the Server's public network interface at creation time.
             * @example [
             *       {
             *         "firewall": 38
             *       }
             *     ]
             */
            firewalls?: {
                /**
                 * Format: int64
                 * ID of the Firewall.
                 */
                firewall: number;
            }[];
            /** ID or name of the Image the Server is created from. An ID is a JSON number; a string is a name. */
            image: number | string;
            labels?: components["schemas"]["labels"];
            /** ID or name of the Location to create the Server in (must not be used together with `datacenter`). An ID is a JSON number; a string is a name. */
            location?: number | string;
            /**
             * Name of the Server to create (must be unique per Project and a valid hostname as per RFC 1123).
             * @example my-server
             */
            name: string;
            /**
             * Network IDs which should be attached to the Server private network interface at the creation time.
             * @example [
             *       456
             *     ]
             */
            networks?: number[];
            /**
             * Format: int64
             * ID of the Placement Group the Server should be in.
             * @example 1
             */
            placement_group?: number;
            /** Public Network options. */
            public_net?: {
                /**
                 * Attach an IPv4 on the public NIC. If false, no IPv4 address will be attached.
                 * @default true
                 */
                enable_ipv4: boolean;
                /**
                 * Attach an IPv6 on the public NIC. If false, no IPv6 address will be attached.
                 * @default true
                 */
                enable_ipv6: boolean;
                /** ID of the ipv4 Primary IP to use. If omitted and enable_ipv4 is true, a new ipv4 Primary IP will automatically be created. */
                ipv4?: number | null;
                /** ID of the ipv6 Primary IP to use. If omitted and enable_ipv6 is true, a new ipv6 Primary IP will automatically be created. */
                ipv6?: number | null;
            };
            /** ID or name of the Server type this Server should be created with. An ID is a JSON number; a string is a name. */
            server_type: number | string;
            /**
             * SSH key IDs (`integer`) or names (`string`) which should be injected into the Server at creation time.
             * @example [
             *       "my-ssh-key"
             *     ]
             */
            ssh_keys?: (number | string)[];
            /**
             * This automatically triggers a Power on a Server-Server Action after the creation is finished and is returned in the `next_actions` response object.
             * @default true
             * @example true
             */
            start_after_create: boolean;
            /**
             * Cloud-Init user data to use during Server creation. This field is limited to 32KiB.
             * @example #cloud-config
             *     runcmd:
             *     - [touch, /root/cloud-init-worked]
             */
            user_data?: string;
            /**
             * Volume IDs which should be attached to the Server at the creation time. Volumes must be in the same Location.
             * @example [
             *       123
             *     ]
             */
            volumes?: number[];
        };
        /**
         * CreateServerResponse
         * Response to POST https://api.hetzner.cloud/v1/servers
         */
        create_server_response: {
            action: components["schemas"]["action"];
            next_actions: components["schemas"]["action"][];
            /**
             * Root password when no SSH keys have been specified.
             * @example YItygq1v3GYjjMomLaKc
             */
            root_password: string | null;
            server: components["schemas"]["server"];
        };
        /** Request for POST https://api.hetzner.cloud/v1/ssh_keys */
        create_ssh_key_request: {
            labels?: components["schemas"]["labels"];
            /**
             * Name of the SSH key.
             * @example My ssh key
             */
            name: string;
            /**
             * Public key.
             * @example ssh-rsa AAAjjk76kgf...Xt
             */
            public_key: string;
        };
        /** Response to POST https://api.hetzner.cloud/v1/ssh_keys */
        create_ssh_key_response: {
            ssh_key: components["schemas"]["ssh_key"];
        };
        /** Information about the Server the Image was created from. */
        created_from: {
            /**
             * Format: int64
             * ID of the Server the Image was created from.
             * @example 1
             */
            id: number;
            /**
             * Server name at the time the Image was created.
             * @example Server
             */
            name: string;
        };
        /** Response to DELETE https://api.hetzner.cloud/v1/servers/{id} */
        delete_server_response: {
            action?: components["schemas"]["action"];
        };
        /**
         * DeprecationInfo
         * Describes if, when and how the resource is deprecated. If this field is
         *     set to `null` the resource is not deprecated. If a value is set, it is
         *     considered deprecated.
         *      | This field is deprecated.
         *
         *     Use the `deprecation` object in the `locations` field instead (`.locations[].deprecation`).
         */
        deprecation_info: {
            /**
             * Format: date-time
             * Date of the deprecation announcement.
             * @example 2023-06-01T00:00:00Z
             */
            announced: string;
            /**
             * Format: date-time
             * Date of the deprecated resource removal.
             *
             *     Once this date is reached, the resource will not be returned
             *     by resource type "list" endpoint, and the resource can not be
             *     used to create new resources. For example, if this is an
             *     image, you can not create new servers with this image after
             *     the mentioned date.
             * @example 2023-09-01T00:00:00Z
             */
            unavailable_after: string;
        };
        /** Request for POST https://api.hetzner.cloud/v1/floating_ips/{id}/actions/change_dns_ptr | Request for POST https://api.hetzner.cloud/v1/primary_ips/{id}/actions/change_dns_ptr */
        dns_ptr: {
            /**
             * Domain Name to point to.
             *
             *     PTR record content used for reverse DNS.
             *      | DNS pointer for the specific IP address.
             * @example server.example.com
             */
            dns_ptr: string;
            /**
             * Single IPv4 or IPv6 address to create pointer for.
             *      | Single IPv6 address of this Server for which the reverse DNS entry has been set up.
             * @example 2001:db8::1
             */
            ip: string;
        };
        /** Error message for the Action if an error occurred, otherwise null. */
        error: {
            /**
             * Fixed error code for machines.
             * @example action_failed
             */
            code: string;
            /**
             * Error message for humans.
             * @example Action failed
             */
            message: string;
        };
        /**
         * Response to GET https://api.hetzner.cloud/v1/actions | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/actions/{action_id} | Response to GET https://api.hetzner.cloud/v1/certificates | Response to POST https://api.hetzner.cloud/v1/certificates | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/actions | Response to GET https://api.hetzner.cloud/v1/certificates/{id} | Response to PUT https://api.hetzner.cloud/v1/certificates/{id} | Response to DELETE https://api.hetzner.cloud/v1/certificates/{id} | Response to POST https://api.hetzner.cloud/v1/certificates/{id}/actions/retry | Response to GET https://api.hetzner.cloud/v1/datacenters | Response to GET https://api.hetzner.cloud/v1/datacenters/{id} | Response to GET https://api.hetzner.cloud/v1/firewalls | Response to POST https://api.hetzner.cloud/v1/firewalls | Response to GET https://api.hetzner.cloud/v1/firewalls/{id} | Response to PUT https://api.hetzner.cloud/v1/firewalls/{id} | Response to DELETE https://api.hetzner.cloud/v1/firewalls/{id} | Response to POST https://api.hetzner.cloud/v1/firewalls/{id}/actions/apply_to_resources | Response to POST https://api.hetzner.cloud/v1/firewalls/{id}/actions/remove_from_resources | Response to POST https://api.hetzner.cloud/v1/firewalls/{id}/actions/set_rules | Response to GET https://api.hetzner.cloud/v1/floating_ips | Response to POST https://api.hetzner.cloud/v1/floating_ips | Response to GET https://api.hetzner.cloud/v1/floating_ips/{id} | Response to PUT https://api.hetzner.cloud/v1/floating_ips/{id} | Response to DELETE https://api.hetzner.cloud/v1/floating_ips/{id} | Response to POST https://api.hetzner.cloud/v1/floating_ips/{id}/actions/assign | Response to POST https://api.hetzner.cloud/v1/floating_ips/{id}/actions/change_dns_ptr | Response to POST https://api.hetzner.cloud/v1/floating_ips/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/floating_ips/{id}/actions/unassign | Response to GET https://api.hetzner.cloud/v1/images | Response to GET https://api.hetzner.cloud/v1/images/{id} | Response to PUT https://api.hetzner.cloud/v1/images/{id} | Response to DELETE https://api.hetzner.cloud/v1/images/{id} | Response to POST https://api.hetzner.cloud/v1/images/{id}/actions/change_protection | Response to GET https://api.hetzner.cloud/v1/isos | Response to GET https://api.hetzner.cloud/v1/isos/{id} | Response to GET https://api.hetzner.cloud/v1/load_balancer_types | Response to GET https://api.hetzner.cloud/v1/load_balancer_types/{id} | Response to GET https://api.hetzner.cloud/v1/load_balancers | Response to POST https://api.hetzner.cloud/v1/load_balancers | Response to GET https://api.hetzner.cloud/v1/load_balancers/{id} | Response to PUT https://api.hetzner.cloud/v1/load_balancers/{id} | Response to DELETE https://api.hetzner.cloud/v1/load_balancers/{id} | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/add_service | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/add_target | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/attach_to_network | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/change_algorithm | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/change_dns_ptr | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/change_type | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/delete_service | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/detach_from_network | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/disable_public_interface | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/enable_public_interface | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/remove_target | Response to POST https://api.hetzner.cloud/v1/load_balancers/{id}/actions/update_service | Response to GET https://api.hetzner.cloud/v1/load_balancers/{id}/metrics | Response to GET https://api.hetzner.cloud/v1/locations | Response to GET https://api.hetzner.cloud/v1/locations/{id} | Response to GET https://api.hetzner.cloud/v1/networks | Response to POST https://api.hetzner.cloud/v1/networks | Response to GET https://api.hetzner.cloud/v1/networks/{id} | Response to PUT https://api.hetzner.cloud/v1/networks/{id} | Response to DELETE https://api.hetzner.cloud/v1/networks/{id} | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/add_route | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/add_subnet | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/change_ip_range | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/delete_route | Response to POST https://api.hetzner.cloud/v1/networks/{id}/actions/delete_subnet | Response to GET https://api.hetzner.cloud/v1/placement_groups | Response to POST https://api.hetzner.cloud/v1/placement_groups | Response to GET https://api.hetzner.cloud/v1/placement_groups/{id} | Response to PUT https://api.hetzner.cloud/v1/placement_groups/{id} | Response to DELETE https://api.hetzner.cloud/v1/placement_groups/{id} | Response to GET https://api.hetzner.cloud/v1/pricing | Response to GET https://api.hetzner.cloud/v1/primary_ips | Response to POST https://api.hetzner.cloud/v1/primary_ips | Response to GET https://api.hetzner.cloud/v1/primary_ips/{id} | Response to PUT https://api.hetzner.cloud/v1/primary_ips/{id} | Response to DELETE https://api.hetzner.cloud/v1/primary_ips/{id} | Response to POST https://api.hetzner.cloud/v1/primary_ips/{id}/actions/assign | Response to POST https://api.hetzner.cloud/v1/primary_ips/{id}/actions/change_dns_ptr | Response to POST https://api.hetzner.cloud/v1/primary_ips/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/primary_ips/{id}/actions/unassign | Response to GET https://api.hetzner.cloud/v1/server_types | Response to GET https://api.hetzner.cloud/v1/server_types/{id} | Response to GET https://api.hetzner.cloud/v1/servers | Response to POST https://api.hetzner.cloud/v1/servers | Response to GET https://api.hetzner.cloud/v1/servers/{id} | Response to PUT https://api.hetzner.cloud/v1/servers/{id} | Response to DELETE https://api.hetzner.cloud/v1/servers/{id} | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/add_to_placement_group | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/attach_iso | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/attach_to_network | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/change_alias_ips | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/change_dns_ptr | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/change_type | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/create_image | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/detach_from_network | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/detach_iso | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/disable_backup | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/disable_rescue | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/enable_backup | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/enable_rescue | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/poweroff | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/poweron | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/reboot | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/rebuild | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/remove_from_placement_group | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/request_console | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/reset | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/reset_password | Response to POST https://api.hetzner.cloud/v1/servers/{id}/actions/shutdown | Response to GET https://api.hetzner.cloud/v1/servers/{id}/metrics | Response to GET https://api.hetzner.cloud/v1/ssh_keys | Response to POST https://api.hetzner.cloud/v1/ssh_keys | Response to GET https://api.hetzner.cloud/v1/ssh_keys/{id} | Response to PUT https://api.hetzner.cloud/v1/ssh_keys/{id} | Response to DELETE https://api.hetzner.cloud/v1/ssh_keys/{id} | Response to GET https://api.hetzner.cloud/v1/volumes | Response to POST https://api.hetzner.cloud/v1/volumes | Response to GET https://api.hetzner.cloud/v1/volumes/{id} | Response to PUT https://api.hetzner.cloud/v1/volumes/{id} | Response to DELETE https://api.hetzner.cloud/v1/volumes/{id} | Response to POST https://api.hetzner.cloud/v1/volumes/{id}/actions/attach | Response to POST https://api.hetzner.cloud/v1/volumes/{id}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/volumes/{id}/actions/detach | Response to POST https://api.hetzner.cloud/v1/volumes/{id}/actions/resize | Response to GET https://api.hetzner.cloud/v1/zones | Response to POST https://api.hetzner.cloud/v1/zones | Response to GET https://api.hetzner.cloud/v1/zones/{id_or_name} | Response to PUT https://api.hetzner.cloud/v1/zones/{id_or_name} | Response to DELETE https://api.hetzner.cloud/v1/zones/{id_or_name} | Response to GET https://api.hetzner.cloud/v1/zones/{id_or_name}/zonefile | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/actions/change_primary_nameservers | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/actions/change_ttl | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/actions/import_zonefile | Response to GET https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets | Response to GET https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type} | Response to PUT https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type} | Response to DELETE https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type} | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/change_protection | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/change_ttl | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/set_records | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/add_records | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/remove_records | Response to POST https://api.hetzner.cloud/v1/zones/{id_or_name}/rrsets/{rr_name}/{rr_type}/actions/update_records | Response to GET https://api.hetzner.com/v1/storage_boxes | Response to POST https://api.hetzner.com/v1/storage_boxes | Response to GET https://api.hetzner.com/v1/storage_boxes/{id} | Response to PUT https://api.hetzner.com/v1/storage_boxes/{id} | Response to DELETE https://api.hetzner.com/v1/storage_boxes/{id} | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/folders | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/actions/change_protection | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/actions/change_type | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id}/actions/reset_subaccount_password | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id}/actions/update_access_settings | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/actions/rollback_snapshot | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/actions/disable_snapshot_plan | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/actions/enable_snapshot_plan | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id} | Response to PUT https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id} | Response to DELETE https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id} | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/subaccounts/{subaccount_id}/actions/change_home_directory | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/snapshots | Response to POST https://api.hetzner.com/v1/storage_boxes/{id}/snapshots | Response to GET https://api.hetzner.com/v1/storage_boxes/{id}/snapshots/{snapshot_id} | Response to PUT https://api.hetzner.com/v1/storage_boxes/{id}/snapshots/{snapshot_id} | Response to DELETE https://api.hetzner.com/v1/storage_boxes/{id}/snapshots/{snapshot_id} | Response to GET https://api.hetzner.com/v1/storage_box_types | Response to GET https://api.hetzner.com/v1/storage_box_types/{id}
         * @example {
         *       "error": {
         *         "code": "unauthorized",
         *         "details": null,
         *         "message": "unable to authenticate"
         *       }
         *     }
         */
        error_response: {
            error: {
                /** Error code for machines. */
                code: string;
                /** Details about the error. */
                details?: Record<string, never> | null;
                /** Error message for humans. */
                message: string;
            };
        };
        /**
         * ActionResponse
         * Response to GET https://api.hetzner.cloud/v1/{resource}/actions
         */
        get_action_response: {
            action: components["schemas"]["action"];
        };
        /**
         * ActionListResponse
         * Response to GET https://api.hetzner.cloud/v1/actions
         */
        get_multiple_actions_response: {
            actions: components["schemas"]["action"][];
        };
        /** Response to GET https://api.hetzner.cloud/v1/servers/{id} */
        get_server_response: {
            server?: components["schemas"]["server"];
        };
        /** Response to GET https://api.hetzner.cloud/v1/ssh_keys/{id} */
        get_ssh_key_response: {
            ssh_key: components["schemas"]["ssh_key"];
        };
        /** Image the server is based on. */
        image: {
            architecture: components["schemas"]["architecture"];
            /**
             * Format: int64
             * ID of Server the Image is bound to. Only set for Images of type `backup`.
             * @example null
             */
            bound_to: number | null;
            /**
             * Format: date-time
             * Point in time when the Resource was created (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example 2016-01-30T23:55:00Z
             */
            created: string;
            /** Information about the Server the Image was created from. */
            created_from: components["schemas"]["created_from"] | null;
            /**
             * Point in time where the Image was deleted (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example null
             */
            deleted: string | null;
            /**
             * Format: date-time
             * Point in time when the Image is considered to be deprecated (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example 2018-02-28T00:00:00Z
             */
            deprecated: string | null;
            /**
             * Description of the Image.
             * @example Ubuntu 24.04 Standard 64 bit
             */
            description: string;
            /**
             * Size of the disk contained in the Image in GB.
             * @example 10
             */
            disk_size: number;
            /**
             * Format: int64
             * ID of the Image.
             * @example 42
             */
            id: number;
            /**
             * Size of the Image file in our storage in GB. For snapshot Images this is the value relevant for calculating costs for the Image.
             * @example 2.3
             */
            image_size: number | null;
            labels: components["schemas"]["labels"];
            /**
             * Unique identifier of the Image. This value is only set for system Images.
             * @example ubuntu-24.04
             */
            name: string | null;
            /**
             * Flavor of operating system contained in the Image.
             * @example ubuntu
             * @enum {string}
             */
            os_flavor: "alma" | "centos" | "debian" | "fedora" | "opensuse" | "rocky" | "ubuntu" | "unknown";
            /**
             * Operating system version.
             * @example 24.04
             */
            os_version: string | null;
            protection: components["schemas"]["protection"];
            /**
             * Indicates that rapid deploy of the Image is available.
             * @example false
             */
            rapid_deploy?: boolean;
            /**
             * Whether the Image can be used or if it's still being created or unavailable.
             * @enum {string}
             */
            status: "available" | "creating" | "unavailable";
            /**
             * Type of the Image.
             * @example snapshot
             * @enum {string}
             */
            type: "app" | "backup" | "snapshot" | "system";
        };
        /** IP address (v4) and its reverse DNS entry of this Server. */
        ipv4: {
            /**
             * If the IP is blocked by our anti abuse dept.
             * @example false
             */
            blocked: boolean;
            /**
             * Reverse DNS PTR entry for the IPv4 addresses of this Server.
             * @example server01.example.com
             */
            dns_ptr: string;
            /**
             * Format: int64
             * ID of the Primary IP.
             * @example 42
             */
            id?: number;
            /**
             * IP address (v4) of this Server.
             * @example 1.2.3.4
             */
            ip: string;
        };
        /** IPv6 network assigned to this Server and its reverse DNS entry. */
        ipv6: {
            /**
             * If the IP is blocked by our anti abuse dept.
             * @example false
             */
            blocked: boolean;
            /** Reverse DNS PTR entries for the IPv6 addresses of this Server. */
            dns_ptr: components["schemas"]["dns_ptr"][] | null;
            /**
             * Format: int64
             * ID of the Primary IP.
             * @example 42
             */
            id?: number;
            /**
             * IP address (v6) of this Server.
             * @example 2001:db8::/64
             */
            ip: string;
        };
        /** ISO Image that is attached to this Server. Null if no ISO is attached. */
        iso: {
            /**
             * CPU architecture compatible with the ISO.
             *
             *     Null indicates no restriction on the architecture (wildcard).
             */
            architecture: components["schemas"]["architecture"] | null;
            /**
             * Describes if, when and how the resource is deprecated. If this field is
             *     set to `null` the resource is not deprecated. If a value is set, it is
             *     considered deprecated.
             */
            deprecation: components["schemas"]["deprecation_info"] | null;
            /**
             * Description of the ISO.
             * @example FreeBSD 11.0 x64
             */
            description: string;
            /**
             * Format: int64
             * ID of the ISO.
             * @example 42
             */
            id: number;
            /**
             * Unique identifier of the ISO. Only set for public ISOs.
             * @example FreeBSD-11.0-RELEASE-amd64-dvd1
             */
            name: string | null;
            /**
             * Type of the ISO.
             * @enum {string|null}
             */
            type: "private" | "public" | null;
        };
        /**
         * User-defined labels (`key/value` pairs) for the Resource.
         *     For more information, see "Labels".
         *      | User-defined labels (`key/value` pairs) for the Resource.
         *
         *     Note that the set of Labels provided in the request will overwrite the
         *     existing one.
         *
         *     For more information, see "Labels".
         * @example {
         *       "environment": "prod",
         *       "example.com/my": "label",
         *       "just-a-key": ""
         *     }
         */
        labels: {
            [key: string]: string;
        };
        /**
         * ActionListResponseWithMeta
         * Response to GET https://api.hetzner.cloud/v1/{resource}/actions/{id}
         */
        list_actions_response: {
            actions: components["schemas"]["action"][];
            meta: components["schemas"]["meta"];
        };
        /** Response to GET https://api.hetzner.cloud/v1/images */
        list_images_response: {
            images: components["schemas"]["image"][];
            meta: components["schemas"]["meta"];
        };
        /** Response to GET https://api.hetzner.cloud/v1/locations */
        list_locations_response: {
            /** List of Locations. */
            locations: components["schemas"]["location"][];
            meta: components["schemas"]["meta"];
        };
        /** Response to GET https://api.hetzner.cloud/v1/server_types */
        list_server_types_response: {
            meta: components["schemas"]["meta"];
            server_types: components["schemas"]["server_type"][];
        };
        /** Response to GET https://api.hetzner.cloud/v1/servers */
        list_servers_response: {
            meta: components["schemas"]["meta"];
            servers: components["schemas"]["server"][];
        };
        /** Response to GET https://api.hetzner.cloud/v1/ssh_keys */
        list_ssh_keys_response: {
            meta: components["schemas"]["meta"];
            ssh_keys: components["schemas"]["ssh_key"][];
        };
        /**
         * Location the Data Center is located at.
         *      | Location of the Primary IP.
         *      | Location this Resource is located at.
         *      | Location of the Volume. Volume can only be attached to Servers in the same Location. | Location of the Storage Box.
         */
        location: {
            /**
             * Name of the closest city to the Location.
             *
             *     City name or city name and state in short form. E.g. `Falkenstein` or `Ashburn, VA`.
             * @example Falkenstein
             */
            city: string;
            /**
             * Country the Location resides in.
             *
             *     ISO 3166-1 alpha-2 code of the country.
             * @example DE
             */
            country: string;
            /**
             * Human readable description of the Location.
             * @example Falkenstein DC Park 1
             */
            description: string;
            /**
             * Format: int64
             * ID of the Location.
             * @example 42
             */
            id: number;
            /**
             * Format: double
             * Latitude of the city closest to the Location.
             * @example 50.47612
             */
            latitude: number;
            /**
             * Format: double
             * Longitude of the city closest to the Location.
             * @example 12.370071
             */
            longitude: number;
            /**
             * Unique identifier of the Location.
             * @example fsn1
             */
            name: string;
            /**
             * Name of the Network Zone this Location resides in.
             * @example eu-central
             */
            network_zone: string;
        };
        /** ListMeta */
        meta: {
            pagination: components["schemas"]["pagination"];
        };
        /** See "Pagination" for more information. */
        pagination: {
            /**
             * Format: int64
             * Page number of the last page available. Can be null if the current page is the last one.
             * @example 4
             */
            last_page: number | null;
            /**
             * Format: int64
             * Page number of the next page. Can be null if the current page is the last one.
             * @example 4
             */
            next_page: number | null;
            /**
             * Format: int64
             * Current page number.
             * @example 3
             */
            page: number;
            /**
             * Format: int64
             * Maximum number of entries returned per page.
             * @example 25
             */
            per_page: number;
            /**
             * Format: int64
             * Page number of the previous page. Can be null if the current page is the first one.
             * @example 2
             */
            previous_page: number | null;
            /**
             * Format: int64
             * Total number of entries that exist for this query. Can be null if unknown.
             * @example 100
             */
            total_entries: number | null;
        };
        /** Hourly price in this Location. | Monthly price in this Location. | Additional traffic price per TB in this Location. | Price of Images per GB/month. | Price of Volumes per GB/month. | Price of one Floating IP per month. | Setup fee in this Location. */
        price: {
            /**
             * Format: decimal
             * Price with VAT added.
             * @example 1.1900
             */
            gross: string;
            /**
             * Format: decimal
             * Price without VAT.
             * @example 1.0000
             */
            net: string;
        };
        price_per_time: {
            /**
             * Format: int64
             * Free traffic per month in bytes in this Location.
             * @example 654321
             */
            included_traffic: number;
            /**
             * Name of the Location the price is for.
             * @example fsn1
             */
            location: string;
            price_hourly: components["schemas"]["price"];
            price_monthly: components["schemas"]["price"];
            price_per_tb_traffic: components["schemas"]["price"];
        };
        /** Protection configuration for the Resource */
        protection: {
            /**
             * Prevent the Resource from being deleted.
             * @example false
             */
            delete: boolean;
        };
        /**
         * UpdateServerRequest
         * Request for PUT https://api.hetzner.cloud/v1/servers/{id}
         */
        replace_server_request: {
            labels?: components["schemas"]["labels"];
            /**
             * New name to set.
             * @example my-server
             */
            name?: string;
        };
        /** Response to PUT https://api.hetzner.cloud/v1/servers/{id} */
        replace_server_response: {
            server?: components["schemas"]["server"];
        };
        /** Request for PUT https://api.hetzner.cloud/v1/ssh_keys/{id} */
        replace_ssh_key_request: {
            labels?: components["schemas"]["labels"];
            /**
             * New name Name to set.
             * @example My ssh key
             */
            name?: string;
        };
        /** Response to PUT https://api.hetzner.cloud/v1/ssh_keys/{id} */
        replace_ssh_key_response: {
            ssh_key: components["schemas"]["ssh_key"];
        };
        resource: {
            /**
             * Format: int64
             * ID of the Resource. | ID of resource referenced.
             * @example 42
             */
            id: number;
            /**
             * Type of the Resource. | Type of resource referenced.
             * @example server
             */
            type: string;
        };
        /** Servers are virtual machines that can be provisioned. */
        server: {
            /**
             * Time window (UTC) in which the backup will run, or null if the backups are not enabled.
             * @example 22-02
             */
            backup_window: string | null;
            /**
             * Format: date-time
             * Point in time when the Resource was created (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example 2016-01-30T23:55:00Z
             */
            created: string;
            /**
             * Format: int64
             * ID of the Server.
             * @example 42
             */
            id: number;
            /** Image the server is based on. */
            image: components["schemas"]["image"] | null;
            /**
             * Format: int64
             * Free Traffic for the current billing period in bytes.
             * @example 654321
             */
            included_traffic: number | null;
            /**
             * Format: int64
             * Inbound Traffic for the current billing period in bytes.
             * @example 123456
             */
            ingoing_traffic: number | null;
            /** ISO Image that is attached to this Server. Null if no ISO is attached. */
            iso: components["schemas"]["iso"] | null;
            labels: components["schemas"]["labels"];
            /** Load Balancer IDs assigned to the server. */
            load_balancers?: number[];
            location: components["schemas"]["location"];
            /**
             * True if Server has been locked and is not available to user.
             * @example false
             */
            locked: boolean;
            /**
             * Name of the Server (must be unique per Project and a valid hostname as per RFC 1123).
             * @example my-resource
             */
            name: string;
            /**
             * Format: int64
             * Outbound Traffic for the current billing period in bytes.
             * @example 123456
             */
            outgoing_traffic: number | null;
            /**
             * PlacementGroupNullable
             * The placement group the server is assigned to.
             */
            placement_group?: {
                /**
                 * Format: date-time
                 * Point in time when the Resource was created (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
                 * @example 2016-01-30T23:55:00Z
                 */
                created: string;
                /**
                 * Format: int64
                 * ID of the Placement Group.
                 * @example 42
                 */
                id: number;
                labels: components["schemas"]["labels"];
                /**
                 * Name of the Resource. Must be unique per Project.
                 * @example my-resource
                 */
                name: string;
                /**
                 * Array of IDs of Servers that are part of this Placement Group.
                 * @example [
                 *       42
                 *     ]
                 */
                servers: number[];
                /**
                 * Type of Placement Group.
                 * @example spread
                 * @enum {string}
                 */
                type: "spread";
            } | null;
            /**
             * Size of the primary Disk.
             * @example 50
             */
            primary_disk_size: number;
            /** Private networks information. */
            private_net: components["schemas"]["server_private_net"][];
            protection: components["schemas"]["server_protection"];
            public_net: components["schemas"]["server_public_net"];
            /**
             * True if rescue mode is enabled. Server will then boot into rescue system on next reboot.
             * @example false
             */
            rescue_enabled: boolean;
            server_type: components["schemas"]["server_type"];
            /**
             * Status of the Server.
             * @enum {string}
             */
            status: "deleting" | "initializing" | "migrating" | "off" | "rebuilding" | "running" | "starting" | "stopping" | "unknown";
            /** IDs of Volumes assigned to this Server. */
            volumes?: number[];
        };
        server_private_net: {
            /**
             * Additional IP addresses of the server on the network.
             * @example [
             *       "10.0.0.3",
             *       "10.0.0.4"
             *     ]
             */
            alias_ips?: string[];
            /**
             * The server IP address on the network.
             * @example 10.0.0.2
             */
            ip?: string;
            /**
             * The server MAC address on the network.
             * @example 86:00:ff:2a:7d:e1
             */
            mac_address?: string;
            /**
             * Format: int64
             * The Network ID the server is attached to.
             * @example 4711
             */
            network?: number;
        };
        /** Protection configuration for the Server. */
        server_protection: {
            /**
             * If true, prevents the Server from being deleted.
             * @example false
             */
            delete: boolean;
            /**
             * If true, prevents the Server from being rebuilt.
             * @example false
             */
            rebuild: boolean;
        };
        /** Public network information. The Server's IPv4 address can be found in `public_net->ipv4->ip`. */
        server_public_net: {
            /** Firewalls applied to the public network interface of this Server. */
            firewalls?: {
                /**
                 * Format: int64
                 * ID of the Firewall.
                 * @example 42
                 */
                id?: number;
                /**
                 * Status of the Firewall on the Server.
                 * @example applied
                 * @enum {string}
                 */
                status?: "applied" | "pending";
            }[];
            /**
             * IDs of Floating IPs assigned to this Server.
             * @example [
             *       478
             *     ]
             */
            floating_ips: number[];
            /** IP address (v4) and its reverse DNS entry of this Server. */
            ipv4: components["schemas"]["ipv4"] | null;
            /** IPv6 network assigned to this Server and its reverse DNS entry. */
            ipv6: components["schemas"]["ipv6"] | null;
        };
        server_type: {
            architecture: components["schemas"]["architecture"];
            /**
             * Category of Server Type.
             * @example Shared vCPU
             */
            category?: string;
            /**
             * Number of cpu cores a Server of this type will have.
             * @example 2
             */
            cores: number;
            /**
             * Type of cpu.
             * @example shared
             * @enum {string}
             */
            cpu_type: "dedicated" | "shared";
            /**
             * This field is deprecated. Use the deprecation object instead.
             * @example false
             */
            deprecated: boolean | null;
            /**
             * @deprecated
             * This field is deprecated.
             *
             *     Use the `deprecation` object in the `locations` field instead (`.locations[].deprecation`).
             */
            deprecation?: components["schemas"]["deprecation_info"] | null;
            /**
             * Description of the Server type.
             * @example CPX22
             */
            description: string;
            /**
             * Disk size a Server of this type will have in GB.
             * @example 80
             */
            disk: number;
            /**
             * Format: int64
             * ID of the Server type.
             * @example 1
             */
            id: number;
            /**
             * Supported Location and per Location details for the Server Type.
             *
             *     A Server Type is:
             *      - only supported in the Location that are listed.
             *      - deprecated in the Location when the `deprecation` property is set.
             *      - unavailable in the Location when the `deprecation.unavailable_after` date is in the past.
             */
            locations: components["schemas"]["server_type_location"][];
            /**
             * Memory a Server of this type will have in GB.
             * @example 4
             */
            memory: number;
            /**
             * Unique identifier of the Server type.
             * @example cpx22
             */
            name: string;
            /** Price per Location. */
            prices: components["schemas"]["price_per_time"][];
            /**
             * Type of Server boot drive. Local has higher speed. Network has better availability.
             * @enum {string}
             */
            storage_type: "local" | "network";
        };
        /** A Location (containing only id and name) and Server Type specific metadata. */
        server_type_location: {
            /**
             * Describes if, when and how the resource is deprecated. If this field is
             *     set to `null` the resource is not deprecated. If a value is set, it is
             *     considered deprecated.
             */
            deprecation: components["schemas"]["deprecation_info"] | null;
            /**
             * Format: int64
             * ID of the Location.
             * @example 42
             */
            id: number;
            /**
             * Name of the Location.
             * @example fsn1
             */
            name: string;
            /** Whether the Server Type can be ordered in this Location now (added 2026-04-01). */
            available?: boolean;
            /** Whether Hetzner recommends the Server Type in this Location (added 2026-04-01). */
            recommended?: boolean;
        };
        /** SSH keys are public keys you provide to the cloud system. They can be injected into Servers at creation time. We highly recommend that you use keys instead of passwords to manage your Servers. */
        ssh_key: {
            /**
             * Format: date-time
             * Point in time when the Resource was created (in [RFC3339](https://datatracker.ietf.org/doc/html/rfc3339#section-5.6) format).
             * @example 2016-01-30T23:55:00Z
             */
            created: string;
            /**
             * MD5 fingerprint of the SSH public key.
             * @example b7:2f:30:a0:2f:6c:58:6c:21:04:58:61:ba:06:3b:2f
             */
            fingerprint: string;
            /**
             * Format: int64
             * ID of the SSH Key.
             * @example 42
             */
            id: number;
            labels: components["schemas"]["labels"];
            /**
             * Name of the Resource. Must be unique per Project.
             * @example my-resource
             */
            name: string;
            /**
             * Public key.
             * @example ssh-rsa AAAjjk76kgf...Xt
             */
            public_key: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    get_multiple_actions: {
        parameters: {
            query: {
                /**
                 * Filter the actions by ID. Can be used multiple times. The response will only contain
                 *     actions matching the specified IDs.
                 */
                id: number[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["get_multiple_actions_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    get_action: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the Action. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["get_action_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_images: {
        parameters: {
            query?: {
                /**
                 * Sort resources by field and direction. Can be used multiple times. For more
                 *     information, see "Sorting".
                 */
                sort?: ("id" | "id:asc" | "id:desc" | "name" | "name:asc" | "name:desc" | "created" | "created:asc" | "created:desc")[];
                /**
                 * Filter resources by type. Can be used multiple times. The response will only
                 *     contain the resources with the specified type.
                 */
                type?: ("system" | "app" | "snapshot" | "backup")[];
                /**
                 * Filter resources by status. Can be used multiple times. The response will only
                 *     contain the resources with the specified status.
                 */
                status?: ("available" | "creating" | "unavailable")[];
                /** Can be used multiple times. Server ID linked to the Image. Only available for Images of type `backup`. */
                bound_to?: string[];
                /** Can be used multiple times. */
                include_deprecated?: boolean;
                /**
                 * Filter resources by their name. The response will only contain the resources
                 *     matching exactly the specified name.
                 */
                name?: string;
                /**
                 * Filter resources by labels. The response will only contain resources matching the
                 *     label selector. For more information, see "Label Selector".
                 */
                label_selector?: string;
                /**
                 * Filter resources by cpu architecture. The response will only contain the resources
                 *     with the specified cpu architecture.
                 */
                architecture?: "x86" | "arm";
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_images_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_locations: {
        parameters: {
            query?: {
                /**
                 * Filter resources by their name. The response will only contain the resources
                 *     matching exactly the specified name.
                 */
                name?: string;
                /**
                 * Sort resources by field and direction. Can be used multiple times. For more
                 *     information, see "Sorting".
                 */
                sort?: ("id" | "id:asc" | "id:desc" | "name" | "name:asc" | "name:desc")[];
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_locations_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_server_types: {
        parameters: {
            query?: {
                /**
                 * Filter resources by their name. The response will only contain the resources
                 *     matching exactly the specified name.
                 */
                name?: string;
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_server_types_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_servers: {
        parameters: {
            query?: {
                /**
                 * Filter resources by their name. The response will only contain the resources
                 *     matching exactly the specified name.
                 */
                name?: string;
                /**
                 * Filter resources by labels. The response will only contain resources matching the
                 *     label selector. For more information, see "Label Selector".
                 */
                label_selector?: string;
                /**
                 * Sort resources by field and direction. Can be used multiple times. For more
                 *     information, see "Sorting".
                 */
                sort?: ("id" | "id:asc" | "id:desc" | "name" | "name:asc" | "name:desc" | "created" | "created:asc" | "created:desc")[];
                /**
                 * Filter resources by status. Can be used multiple times. The response will only
                 *     contain the resources with the specified status.
                 */
                status?: ("running" | "initializing" | "starting" | "stopping" | "off" | "deleting" | "migrating" | "rebuilding" | "unknown")[];
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    /** A link to the next page of responses. */
                    "x-next"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_servers_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    create_server: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Please note that Server names must be unique per Project and valid hostnames as per RFC 1123 (i.e. may only contain letters, digits, periods, and dashes).
         *
         *     For `server_type` you can either use the ID as listed in `/server_types` or its name.
         *
         *     For `image` you can either use the ID as listed in `/images` or its name.
         *
         *     If you want to create the Server in a Location, you must set `location` to the ID or name as listed in `/locations`.
         *
         *     Some properties like `start_after_create` or `automount` will trigger Actions after the Server is created. Those Actions are listed in the `next_actions` field in the response.
         *
         *     For accessing your Server we strongly recommend to use SSH keys by passing the respective key IDs in `ssh_keys`. If you do not specify any `ssh_keys` we will generate a root password for you and return it in the response.
         *
         *     Please note that provided user-data is stored in our systems. While we take measures to protect it we highly recommend that you don’t use it to store passwords or other sensitive information.
         */
        requestBody: {
            content: {
                "application/json": components["schemas"]["create_server_request"];
            };
        };
        responses: {
            /** Request succeeded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["create_server_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    get_server: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the Server. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["get_server_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    replace_server: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the Server. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["replace_server_request"];
            };
        };
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["replace_server_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    delete_server: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the Server. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["delete_server_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_actions_for_server: {
        parameters: {
            query?: {
                /**
                 * Sort actions by field and direction. Can be used multiple times. For more
                 *     information, see "Sorting".
                 */
                sort?: ("id" | "id:asc" | "id:desc" | "command" | "command:asc" | "command:desc" | "status" | "status:asc" | "status:desc" | "started" | "started:asc" | "started:desc" | "finished" | "finished:asc" | "finished:desc")[];
                /**
                 * Filter the actions by status. Can be used multiple times. The response will only
                 *     contain actions matching the specified statuses.
                 */
                status?: ("running" | "success" | "error")[];
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path: {
                /** ID of the Server. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_actions_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    list_ssh_keys: {
        parameters: {
            query?: {
                /**
                 * Sort resources by field and direction. Can be used multiple times. For more
                 *     information, see "Sorting".
                 */
                sort?: ("id" | "id:asc" | "id:desc" | "name" | "name:asc" | "name:desc")[];
                /**
                 * Filter resources by their name. The response will only contain the resources
                 *     matching exactly the specified name.
                 */
                name?: string;
                /** Can be used to filter SSH keys by their fingerprint. The response will only contain the SSH key matching the specified fingerprint. */
                fingerprint?: string;
                /**
                 * Filter resources by labels. The response will only contain resources matching the
                 *     label selector. For more information, see "Label Selector".
                 */
                label_selector?: string;
                /** Page number to return. For more information, see "Pagination". */
                page?: number;
                /** Maximum number of entries returned per page. For more information, see "Pagination". */
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["list_ssh_keys_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    create_ssh_key: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["create_ssh_key_request"];
            };
        };
        responses: {
            /** Request succeeded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["create_ssh_key_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    get_ssh_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the SSH Key. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["get_ssh_key_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    replace_ssh_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the SSH Key. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["replace_ssh_key_request"];
            };
        };
        responses: {
            /** Request succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["replace_ssh_key_response"];
                };
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
    delete_ssh_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** ID of the SSH Key. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** Request succeeded. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** Request failed with a user error. */
            "4xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
            /** Request failed with a server error. */
            "5xx": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["error_response"];
                };
            };
        };
    };
}
