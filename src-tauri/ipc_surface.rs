//! The IPC surface read from its one definition: the `#[tauri::command]` functions in `src/`.
//!
//! The build script takes the command names from here (tauri-build makes an `allow-<name>`
//! permission for each and refuses commands no capability grants); the drift test in
//! `src/tests.rs` generates the UI's typed wrappers (`ui/src/bindings/commands.ts`) and the
//! capability's command permissions from the same reading and fails when the committed files,
//! or the `generate_handler!` list, differ. So adding a command is writing the function and
//! registering it; everything else follows or a test says what to run.
//!
//! Included with `#[path]` by `build.rs` and by the tests, so it depends on `syn` only.

use std::path::Path;

/// One command as the webview sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The command name (`get_case`).
    pub name: String,
    /// Its doc comment, one line per `///` line.
    pub doc: Vec<String>,
    /// Arguments the webview passes: the JavaScript key (camelCase, as Tauri expects) and the
    /// TypeScript type. `State`, `AppHandle` and window handles are injected and left out.
    pub args: Vec<(String, String)>,
    /// The TypeScript type the command resolves to (the `Ok` of its `Result`).
    pub returns: String,
}

/// Every `#[tauri::command]` function in the `.rs` files of `src_dir`, sorted by name.
pub fn read_commands(src_dir: &Path) -> Result<Vec<Command>, String> {
    let mut files: Vec<_> = std::fs::read_dir(src_dir)
        .map_err(|e| format!("{}: {e}", src_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for item in file.items {
            if let syn::Item::Fn(f) = item
                && f.attrs.iter().any(is_command_attr)
            {
                commands.push(command(&f).map_err(|e| format!("{}: {e}", path.display()))?);
            }
        }
    }
    commands.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(commands)
}

fn is_command_attr(a: &syn::Attribute) -> bool {
    let segs: Vec<String> = a
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    segs == ["tauri", "command"] || segs == ["command"]
}

fn command(f: &syn::ItemFn) -> Result<Command, String> {
    let name = f.sig.ident.to_string();
    let doc = f
        .attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut args = Vec::new();
    for input in &f.sig.inputs {
        let syn::FnArg::Typed(pt) = input else {
            return Err(format!("`{name}` takes `self`"));
        };
        if is_injected(&pt.ty) {
            continue;
        }
        let syn::Pat::Ident(id) = &*pt.pat else {
            return Err(format!("`{name}`: an argument is a pattern, not a name"));
        };
        args.push((camel(&id.ident.to_string()), ts_type(&pt.ty)?));
    }
    let returns = match &f.sig.output {
        syn::ReturnType::Default => "void".to_string(),
        syn::ReturnType::Type(_, ty) => match generic_args(ty, "Result").as_deref() {
            Some([ok, _]) => ts_type(ok)?,
            _ => ts_type(ty)?,
        },
    };
    Ok(Command {
        name,
        doc,
        args,
        returns,
    })
}

/// Arguments Tauri fills in itself rather than taking from the webview.
fn is_injected(ty: &syn::Type) -> bool {
    last_ident(ty).is_some_and(|i| {
        ["State", "AppHandle", "Window", "Webview", "WebviewWindow"].contains(&i.as_str())
    })
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

/// The type arguments of `ty` when its last path segment is `wrapper`.
fn generic_args(ty: &syn::Type, wrapper: &str) -> Option<Vec<syn::Type>> {
    let syn::Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    Some(
        a.args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t.clone()),
                _ => None,
            })
            .collect(),
    )
}

/// The TypeScript type of a Rust argument or result type. Named types are the ts-rs bindings
/// of the same name in `ui/src/bindings/`.
fn ts_type(ty: &syn::Type) -> Result<String, String> {
    if let syn::Type::Tuple(t) = ty
        && t.elems.is_empty()
    {
        return Ok("void".into());
    }
    if let syn::Type::Reference(r) = ty {
        return ts_type(&r.elem);
    }
    if let Some([inner]) = generic_args(ty, "Option").as_deref() {
        return Ok(format!("{} | null", ts_type(inner)?));
    }
    if let Some([inner]) = generic_args(ty, "Vec").as_deref() {
        let t = ts_type(inner)?;
        return Ok(if t.contains(' ') {
            format!("({t})[]")
        } else {
            format!("{t}[]")
        });
    }
    let Some(name) = last_ident(ty) else {
        return Err("a command uses a type the generator does not know".into());
    };
    Ok(match name.as_str() {
        "String" | "str" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32"
        | "f64" => "number".into(),
        _ => name,
    })
}

/// `case_ids` -> `caseIds`: Tauri's default argument renaming.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The permission tauri-build generates for a command (`get_case` -> `allow-get-case`).
pub fn permission(name: &str) -> String {
    format!("allow-{}", name.replace('_', "-"))
}

/// The UI's typed command wrappers: an interface with one method per command and a function
/// that builds it over an `invoke`-like `call`.
pub fn typescript(commands: &[Command]) -> String {
    let mut types: Vec<String> = Vec::new();
    for c in commands {
        for t in c.args.iter().map(|(_, t)| t).chain([&c.returns]) {
            for word in t.split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
                let named = word
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_uppercase());
                if named && !types.iter().any(|x| x == word) {
                    types.push(word.to_string());
                }
            }
        }
    }
    types.sort();
    let mut s = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/src by\n\
         // `UPDATE_BINDINGS=1 cargo test -p casebook-desktop ipc`. Do not edit by hand.\n\n",
    );
    for t in &types {
        s.push_str(&format!("import type {{ {t} }} from \"./{t}\";\n"));
    }
    s.push_str("\n/** Every command of the desktop shell, as typed methods. */\nexport interface Commands {\n");
    for c in commands {
        if !c.doc.is_empty() {
            s.push_str("  /**\n");
            for line in &c.doc {
                s.push_str(&format!("   * {line}\n").replace(" \n", "\n"));
            }
            s.push_str("   */\n");
        }
        let params: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        s.push_str(&format!(
            "  {}({}): Promise<{}>;\n",
            camel(&c.name),
            params.join(", "),
            c.returns
        ));
    }
    s.push_str("}\n\n/** The command names, as the shell registers them. */\nexport const COMMAND_NAMES = [\n");
    for c in commands {
        s.push_str(&format!("  \"{}\",\n", c.name));
    }
    s.push_str("] as const;\n\n");
    s.push_str(
        "/** The commands over `call` (Tauri's `invoke` with errors normalised). */\n\
         export function commands(call: <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>): Commands {\n  return {\n",
    );
    for c in commands {
        let names: Vec<&str> = c.args.iter().map(|(n, _)| n.as_str()).collect();
        let call = if names.is_empty() {
            format!("call(\"{}\")", c.name)
        } else {
            format!("call(\"{}\", {{ {} }})", c.name, names.join(", "))
        };
        s.push_str(&format!(
            "    {}: ({}) => {call},\n",
            camel(&c.name),
            names.join(", ")
        ));
    }
    s.push_str("  };\n}\n");
    s
}
