// Admins only, checked before the segment streams (see AdminLayout).
export { AdminLayout as default } from "@/server/auth/page";
