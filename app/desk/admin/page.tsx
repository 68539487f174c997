import { redirect } from "next/navigation";

/** The admin area opens on its first section. */
export default function AdminPage() {
  redirect("/desk/admin/users");
}
