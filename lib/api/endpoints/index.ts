/** Every documented operation: importing this fills the OpenAPI registry. Add each new endpoints module here. */
import "./customers";
import "./devices";
import "./visits";
import "./vendor-cases";
import "./bookings";
import "./visit-writes";
import "./attempts";
import "./reports";
import "./billing";

export { ENDPOINTS } from "@/lib/api/registry";
