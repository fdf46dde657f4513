import type { Command } from "commander";
import { hashPassword } from "../../auth/password-hash";
import { ROLES, readUsersFile, readUsersFileOrEmpty, upsertUser, userNameSchema, writeUsersFile } from "../../auth/users-file";
import type { Role } from "../../auth/session";

interface AddOptions {
  role: string;
  file: string;
  passwordStdin?: boolean;
}

const MIN_PASSWORD = 10;

/** Everything on stdin, less one trailing newline (`echo pw | statelens user add ...`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (text: string) => {
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new Error("no terminal to prompt on: pass the password with --password-stdin");
  const first = await promptHidden("Password: ");
  const second = await promptHidden("Repeat password: ");
  if (first !== second) throw new Error("the passwords differ");
  return first;
}

/** `statelens user add|remove|list`: manage the users file that STATELENS_USERS points at. */
export function registerUser(program: Command): void {
  const user = program.command("user").description("manage dashboard users (the STATELENS_USERS file): add, remove, list");
  const defaultFile = process.env.STATELENS_USERS ?? "users.json";

  user
    .command("add")
    .description("add a user, or set a user's password and role (prompts for the password)")
    .argument("<name>", "user name (letters, digits, . _ @ + -)")
    .option("--role <role>", `one of ${ROLES.join(", ")}`, "viewer")
    .option("--file <path>", "users file", defaultFile)
    .option("--password-stdin", "read the password from standard input instead of prompting")
    .action(async (name: string, options: AddOptions) => {
      const checked = userNameSchema.safeParse(name);
      if (!checked.success) throw new Error(`user name "${name}": ${checked.error.issues[0].message}`);
      if (!(ROLES as readonly string[]).includes(options.role))
        throw new Error(`--role must be one of ${ROLES.join(", ")}, got "${options.role}"`);
      const existing = await readUsersFileOrEmpty(options.file);
      const password = await readPassword(options.passwordStdin);
      if (password.length < MIN_PASSWORD) throw new Error(`the password must be at least ${MIN_PASSWORD} characters`);
      const passwordHash = await hashPassword(password);
      const { users, replaced } = upsertUser(existing, { user: name, role: options.role as Role, passwordHash });
      await writeUsersFile(options.file, users);
      console.log(`${replaced ? "updated" : "added"} ${name} (${options.role}) in ${options.file}`);
      if (!process.env.STATELENS_USERS) console.log(`start the dashboard with STATELENS_USERS=${options.file} to require sign-in`);
    });

  user
    .command("remove")
    .description("remove a user (sessions already issued stay valid until they expire, at most 12 hours)")
    .argument("<name>")
    .option("--file <path>", "users file", defaultFile)
    .action(async (name: string, options: { file: string }) => {
      const users = await readUsersFile(options.file);
      if (!users.some((u) => u.user === name)) throw new Error(`no user "${name}" in ${options.file}`);
      await writeUsersFile(
        options.file,
        users.filter((u) => u.user !== name),
      );
      console.log(`removed ${name} from ${options.file}`);
    });

  user
    .command("list")
    .description("list users and roles")
    .option("--file <path>", "users file", defaultFile)
    .action(async (options: { file: string }) => {
      for (const u of await readUsersFile(options.file)) console.log(`${u.user.padEnd(24)} ${u.role}`);
    });
}
