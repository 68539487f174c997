import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { isStaff } from "@/server/users/session-user";

/** The front door: staff to the desk, customers to their tickets, everyone else to sign in. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  redirect(isStaff(user) ? "/desk" : "/tickets");
}
