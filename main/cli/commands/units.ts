// `vankho units add|list|remove`, `vankho users unit NAME [UNIT…]` and `vankho grant DOC|--record CODE
// (--unit U | --user NAME) [--revoke]` (issue 14): đơn vị / phòng ban, who belongs to them, and which
// hạn chế / mật document or hồ sơ they may read. Through the contract, as the local administrator.
import type { Command } from 'commander';
import type { ApiInput } from '../../contract/api.js';
import type { AccessGrantDto, UnitDto } from '../../contract/dto.js';
import { withApp, type CliApp } from '../cli-app.js';
import { isJson, printJson, printLine, usageError } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parseDocumentId } from './parse-id.js';

const same = (a: string, b: string): boolean =>
  a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi');

async function unitNamed(app: CliApp, name: string): Promise<UnitDto> {
  const u = (await app.call('unitsList', {})).find((x) => same(x.name, name));
  if (!u) throw usageError(`không có đơn vị / no such unit: ${name}`);
  return u;
}

async function userIdNamed(app: CliApp, name: string): Promise<number> {
  const u = (await app.call('usersList', {})).find((x) => same(x.username, name));
  if (!u) throw usageError(`không có tài khoản / no such account: ${name}`);
  return u.id;
}

function grantLine(g: AccessGrantDto): string {
  const what = g.documentId !== null ? `#${g.documentId}` : `hồ sơ ${g.recordCode}`;
  const who = g.unit ? `đơn vị / unit ${g.unit.name}` : `tài khoản / account ${g.user!.username}`;
  return `${g.id}  ${what}  →  ${who}`;
}

export function registerUnitsCommand(program: Command): void {
  const units = program.command('units').description('đơn vị, phòng ban / units of the office');

  units
    .command('add')
    .description('thêm đơn vị / add a unit')
    .argument('<name>', 'tên đơn vị / unit name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const u = await app.call('unitsCreate', { name });
          if (isJson(cmd)) printJson({ ok: true, unit: u });
          else printLine(`Đã thêm đơn vị / unit added: ${u.name}`);
          return EXIT.OK;
        },
        { viaServer: true },
      );
    });

  units
    .command('list')
    .description('liệt kê đơn vị và thành viên / list units and their members')
    .action(async (_o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const list = await app.call('unitsList', {});
          if (isJson(cmd)) {
            printJson({ ok: true, units: list });
            return EXIT.OK;
          }
          const names = new Map((await app.call('usersList', {})).map((u) => [u.id, u.username]));
          if (list.length === 0) printLine('Chưa có đơn vị nào / no units yet');
          for (const u of list)
            printLine(`${u.name}  (${u.memberIds.map((id) => names.get(id)).join(', ')})`);
          return EXIT.OK;
        },
        { readonly: 'when-held' },
      );
    });

  units
    .command('remove')
    .description('xóa đơn vị (cùng quyền đọc đã cấp cho nó) / remove a unit (and its grants)')
    .argument('<name>', 'tên đơn vị / unit name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const u = await app.call('unitsDelete', { unitId: (await unitNamed(app, name)).id });
          if (isJson(cmd)) printJson({ ok: true, unit: u });
          else printLine(`Đã xóa đơn vị / unit removed: ${u.name}`);
          return EXIT.OK;
        },
        { viaServer: true },
      );
    });

  program
    .command('grant')
    .description(
      'cho đơn vị / tài khoản đọc văn bản hoặc hồ sơ hạn chế, mật (không --unit/--user: liệt kê) / ' +
        'let a unit or account read a document or hồ sơ (without --unit/--user: list)',
    )
    .argument('[id]', 'mã văn bản / document id')
    .option('--record <code>', 'mã hồ sơ / records file code')
    .option('--unit <name>', 'đơn vị / unit')
    .option('--user <name>', 'tài khoản / account')
    .option('--revoke', 'thu hồi / withdraw the grant')
    .action(
      async (
        id: string | undefined,
        o: { record?: string; unit?: string; user?: string; revoke?: boolean },
        cmd: Command,
      ) => {
        if ((id === undefined) === (o.record === undefined))
          throw usageError('một văn bản hoặc --record / one document id or --record');
        if (o.unit !== undefined && o.user !== undefined)
          throw usageError('--unit hoặc --user / --unit or --user');
        const target: ApiInput<'grantsAdd'>['target'] =
          id !== undefined ? { documentId: parseDocumentId(id) } : { recordCode: o.record! };
        await withApp(
          cmd,
          async (app) => {
            if (o.unit === undefined && o.user === undefined) {
              if (o.revoke) throw usageError('--revoke: --unit hoặc --user / --unit or --user');
              const list = await app.call('grantsList', { target });
              if (isJson(cmd)) printJson({ ok: true, grants: list });
              else if (list.length === 0) printLine('Chưa cấp quyền đọc nào / no grants');
              else for (const g of list) printLine(grantLine(g));
              return EXIT.OK;
            }
            const to =
              o.unit !== undefined
                ? { unitId: (await unitNamed(app, o.unit)).id }
                : { userId: await userIdNamed(app, o.user!) };
            let g: AccessGrantDto;
            if (o.revoke) {
              const held = (await app.call('grantsList', { target })).find((x) =>
                'unitId' in to ? x.unit?.id === to.unitId : x.user?.id === to.userId,
              );
              if (!held) throw usageError('không có quyền đọc này / no such grant');
              g = await app.call('grantsRemove', { grantId: held.id });
            } else g = await app.call('grantsAdd', { target, to });
            if (isJson(cmd)) printJson({ ok: true, grant: g, revoked: o.revoke === true });
            else printLine(`${o.revoke ? 'Đã thu hồi / revoked' : 'Đã cấp / granted'}: ${grantLine(g)}`);
            return EXIT.OK;
          },
          { viaServer: true },
        );
      },
    );
}

/** `vankho users unit NAME [UNIT…]`: the account's units (none: it leaves every unit). */
export function registerUserUnitCommand(users: Command): void {
  users
    .command('unit')
    .description('đặt đơn vị của tài khoản (không có: bỏ khỏi mọi đơn vị) / set the units of an account')
    .argument('<name>', 'tên đăng nhập / user name')
    .argument('[units...]', 'đơn vị / units')
    .action(async (name: string, unitNames: string[], _o: unknown, cmd: Command) => {
      await withApp(
        cmd,
        async (app) => {
          const userId = await userIdNamed(app, name);
          const unitIds: number[] = [];
          for (const n of unitNames) unitIds.push((await unitNamed(app, n)).id);
          const after = await app.call('usersSetUnits', { userId, unitIds });
          if (isJson(cmd)) printJson({ ok: true, user: name, units: after });
          else
            printLine(
              `Đơn vị của / units of ${name}: ${after.map((u) => u.name).join(', ') || '(không có / none)'}`,
            );
          return EXIT.OK;
        },
        { viaServer: true },
      );
    });
}
