"""The actielijst as a file: import a Word document (preview, confirm), export Word, Markdown,
CSV, JSON and an .ics calendar."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import texts
from documents.docx_io import MAX_BYTES
from documents.filetype import kind_by_name
from documents.render import ExportFormat, render_export
from documents.sandbox import read_docx_off_loop
from domain.actielijst import Actielijst, DocumentError
from domain.errors import DomainError
from domain.text import plain_text
from handlers.callbacks import ImportButton, ImportOp, decode, pattern
from handlers.common import (
    ANSWER_LIMIT,
    chat_ref,
    command_args,
    reply,
    sender,
)
from handlers.context import BotContext
from handlers.membership import as_member

NEW = filters.UpdateType.MESSAGE
FORMATS = {  # the words /actielijst takes
    "word": ExportFormat.DOCX,
    "docx": ExportFormat.DOCX,
    "md": ExportFormat.MARKDOWN,
    "markdown": ExportFormat.MARKDOWN,
    "csv": ExportFormat.CSV,
    "json": ExportFormat.JSON,
}


async def document(update: Update, context: BotContext) -> None:
    """A file sent to the bot in a private chat, or with /import in the group."""
    message = update.effective_message
    assert message is not None
    source = message if message.document else message.reply_to_message
    if source is None or source.document is None:
        await reply(update, texts.IMPORT_IN_GROUP)
        return
    await _import(update, context, source)


async def _import(update: Update, context: BotContext, source: Message) -> None:
    user, chat = sender(update), chat_ref(update)
    doc_file = source.document
    assert doc_file is not None
    service = context.services.documents
    # Who sent it first: a stranger's file is never downloaded, let alone parsed.
    await as_member(update, context, lambda: service.check_can_import(user, chat))
    # A .doc, .pdf or photo is refused by its name or type before it is downloaded; a file
    # renamed to .docx is caught by its content (documents/filetype.py, in the reader).
    kind = kind_by_name(doc_file.file_name, doc_file.mime_type)
    if kind is not None:
        await reply(update, texts.document_error(kind.value))
        return
    if doc_file.file_size and doc_file.file_size > MAX_BYTES:
        await reply(update, texts.document_error("too_large"))
        return
    data = bytes(await (await doc_file.get_file()).download_as_bytearray())
    try:
        doc = await read_docx_off_loop(data)
    except DocumentError as err:
        await reply(update, texts.document_error(err.reason))
        return
    day, assumed = service.meeting_day(doc)
    found = await as_member(
        update, context, lambda: service.preview(user, chat, doc, day, assumed)
    )
    token = context.services.pending.put(user.telegram_id, doc, service.now())
    await reply(update, texts.import_preview(found), _buttons(token, day, assumed))


def _buttons(token: str, day: date, assumed: bool) -> InlineKeyboardMarkup:
    def button(label: str, op: ImportOp, year: int = 0) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(label, callback_data=ImportButton(op, token, year).encode())]

    rows = [button(texts.BTN_IMPORT, ImportOp.STORE, day.year)]
    if assumed:
        other = day.year - 1
        rows.append(button(texts.btn_import_year(other), ImportOp.YEAR, other))
    rows.append(button(texts.BTN_CANCEL, ImportOp.CANCEL))
    return InlineKeyboardMarkup(rows)


async def import_button(update: Update, context: BotContext) -> None:
    """Confirm, re-date or cancel a previewed import (ImportButton)."""
    query = update.callback_query
    assert query is not None
    pressed = decode(query.data)
    if not isinstance(pressed, ImportButton):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    op, token, year = pressed.op, pressed.token, pressed.year
    user, chat = sender(update), chat_ref(update)
    pending = context.services.pending
    service = context.services.documents
    owner = pending.sender(token)
    if owner is not None and owner != user.telegram_id:  # someone else's file
        await query.answer(texts.IMPORT_NOT_YOURS, show_alert=True)
        return
    if op is ImportOp.CANCEL:
        if pending.take(token, user.telegram_id) is None:  # a second tap, or expired
            await query.answer(texts.IMPORT_EXPIRED)
            return
        await query.answer()
        await query.edit_message_reply_markup(reply_markup=None)
        await reply(update, texts.IMPORT_CANCELLED)
        return
    doc: Actielijst | None = pending.peek(token, user.telegram_id)
    if doc is None:
        await query.answer(texts.IMPORT_EXPIRED, show_alert=True)
        return
    try:
        day, _ = service.meeting_day(doc, year)
        if op is ImportOp.YEAR:
            found = await as_member(
                update, context, lambda: service.preview(user, chat, doc, day, False)
            )
            await query.answer()
            await query.edit_message_text(
                texts.import_preview(found), reply_markup=_buttons(token, day, False)
            )
            return
        result = await as_member(update, context, lambda: service.apply(user, chat, doc, day))
    except DomainError as err:
        await query.answer(plain_text(texts.error_text(err), ANSWER_LIMIT), show_alert=True)
        return
    pending.take(token, user.telegram_id)
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    await reply(update, texts.imported(result))


async def actielijst(update: Update, context: BotContext) -> None:
    """Send the actielijst of a meeting as Word (default), Markdown, CSV or JSON."""
    user, chat = sender(update), chat_ref(update)
    words = command_args(update).split(maxsplit=1)
    fmt = ExportFormat.DOCX
    if words and words[0].casefold() in FORMATS:
        fmt = FORMATS[words.pop(0).casefold()]
    day_text = " ".join(words)
    data = await as_member(
        update, context, lambda: context.services.documents.export(user, chat, day_text)
    )
    content, name = render_export(fmt, data)
    await _send_file(
        update, content, name, texts.export_caption(data.team_name, data.meeting, fmt)
    )


async def agenda_ics(update: Update, context: BotContext) -> None:
    """Send an .ics calendar of the coming OTs and dated deadlines (team, or "mij")."""
    user, chat = sender(update), chat_ref(update)
    mine = command_args(update).casefold() in ("mij", "mijn", "ik")
    data = await as_member(
        update,
        context,
        lambda: context.services.documents.export(user, chat, person_only=mine),
    )
    person = user.full_name if mine else None
    content, name = render_export(ExportFormat.ICS, data, person=person)
    caption = texts.export_caption(data.team_name, None, ExportFormat.ICS)
    await _send_file(update, content, name, caption)


async def _send_file(update: Update, content: bytes, name: str, caption: str) -> None:
    message = update.effective_message
    assert message is not None
    await message.reply_document(io.BytesIO(content), filename=name, caption=caption)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the document import and the exports."""
    app.add_handler(CommandHandler("actielijst", actielijst, filters=NEW))
    app.add_handler(CommandHandler("agenda_ics", agenda_ics, filters=NEW))
    app.add_handler(CommandHandler("import", document, filters=NEW))
    app.add_handler(
        MessageHandler(
            NEW
            & filters.Document.ALL
            & (filters.ChatType.PRIVATE | filters.CaptionRegex(r"^/import\b")),
            document,
        )
    )
    app.add_handler(CallbackQueryHandler(import_button, pattern=pattern(ImportButton)))
