"use client";
// Admin users page: create, change role, suspend/reactivate (with confirmation). The server
// enforces who may do what; the page only hides controls a caller could not use.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Role, User } from "@/lib/api/users";
import { accountKeys, accountsApi, usersQuery } from "@/lib/query/accounts";
import { formatCount } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form";
import { Section } from "@/components/ui/section";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { CreateUserDialog } from "./create-user-dialog";

export function UsersView({ me }: { me: { id: string; role: Role } }) {
  const client = useQueryClient();
  const users = useQuery(usersQuery());
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<User | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: accountKeys.users });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: Parameters<typeof accountsApi.updateUser>[1] }) => accountsApi.updateUser(id, change),
    onSuccess: () => {
      setSuspending(null);
      void refresh();
      void client.invalidateQueries({ queryKey: accountKeys.auditAll });
    },
  });
  const isOwner = me.role === "owner";
  const canManage = (u: User) => u.id !== me.id && u.role !== "owner" && (isOwner || u.role === "member");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Admins manage members; only the owner can make or change admins.</p>
        </div>
        <Button onClick={() => setCreating(true)}>Create user</Button>
      </div>
      <FormError error={update.error} />
      <Section headingId="users-heading" title="Users" meta={users.data ? formatCount(users.data.users.length, "account") : undefined}>
        {users.isPending ? (
          <TableSkeleton label="Loading users" />
        ) : users.isError ? (
          <ErrorState title="Could not load users" message={users.error.message} onRetry={() => users.refetch()} retrying={users.isFetching} />
        ) : (
          <DataTable labelledBy="users-heading" columns={["User", "Role", "Status", ""]}>
            {users.data.users.map((u) => (
              <Row key={u.id} label={u.email}>
                <Cell label="User" title>
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-zinc-600 dark:text-zinc-400">{u.email}</div>
                </Cell>
                <Cell label="Role">
                  {canManage(u) && isOwner ? (
                    <select
                      aria-label={`Role for ${u.email}`}
                      value={u.role}
                      disabled={update.isPending}
                      onChange={(e) => update.mutate({ id: u.id, change: { role: e.target.value as "admin" | "member" } })}
                      className="rounded-md bg-white px-2 py-1 text-sm ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700"
                    >
                      <option value="member">member</option>
                      <option value="admin">admin</option>
                    </select>
                  ) : (
                    <span>{u.role}</span>
                  )}
                </Cell>
                <Cell label="Status">
                  <Badge tone={u.status === "active" ? "good" : "warn"} dot>
                    {u.status}
                  </Badge>
                </Cell>
                <Cell label="Actions">
                  {canManage(u) &&
                    (u.status === "active" ? (
                      <Button aria-label={`Suspend ${u.email}`} onClick={() => setSuspending(u)}>
                        Suspend
                      </Button>
                    ) : (
                      <Button aria-label={`Reactivate ${u.email}`} onClick={() => update.mutate({ id: u.id, change: { status: "active" } })}>
                        Reactivate
                      </Button>
                    ))}
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
      <CreateUserDialog open={creating} canCreateAdmins={isOwner} onClose={() => setCreating(false)} onCreated={() => void refresh()} />
      <ConfirmDialog
        open={suspending !== null}
        title={`Suspend ${suspending?.email ?? ""}?`}
        body={<p>They are signed out everywhere at once and their API tokens stop working until someone reactivates them.</p>}
        action="Suspend"
        pending={update.isPending}
        onConfirm={() => suspending && update.mutate({ id: suspending.id, change: { status: "suspended" } })}
        onClose={() => setSuspending(null)}
      />
    </div>
  );
}
