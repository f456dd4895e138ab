// The closed set of error codes that may cross any boundary (IPC, HTTP, CLI --json, import log),
// each with its Vietnamese and English message. Add codes here; never send raw exception text.

export const ERROR_MESSAGES = {
  ARCHIVE_LOCKED: {
    vi: 'Kho văn bản đang được một tiến trình khác sử dụng.',
    en: 'The archive is in use by another process.',
  },
  ARCHIVE_TOO_NEW: {
    vi: 'Kho văn bản được tạo bởi phiên bản VanKho mới hơn; hãy cập nhật ứng dụng.',
    en: 'The archive was created by a newer VanKho; please update the app.',
  },
  ARCHIVE_NOT_FOUND: {
    vi: 'Không tìm thấy kho văn bản.',
    en: 'Archive not found.',
  },
  FOLDER_NOT_EMPTY: {
    vi: 'Thư mục này không trống và không phải là kho văn bản nên không tạo kho ở đây; hãy chọn một thư mục trống hoặc gõ tên một thư mục mới, còn nếu đây là kho có sẵn thì dùng “Mở kho”.',
    en: 'This folder is not empty and is not an archive, so no archive was created in it; choose an empty folder or type the name of a new one, or use “Open archive” if it is an existing archive.',
  },
  ARCHIVE_EXISTS: {
    vi: 'Thư mục này đã là một kho văn bản; hãy dùng “Mở kho” để mở nó.',
    en: 'This folder already holds an archive; use “Open archive” to open it.',
  },
  PATH_NOT_ABSOLUTE: {
    vi: 'Hãy nhập đường dẫn đầy đủ của thư mục (từ gốc ổ đĩa), không phải đường dẫn tương đối; ví dụ trong thư mục cá nhân của bạn',
    en: 'Type the full path of the folder (from the root of the drive), not a relative one; for example in your home folder',
  },
  ARCHIVE_CORRUPT: {
    vi: 'Cơ sở dữ liệu của kho bị hỏng.',
    en: 'The archive database is corrupt.',
  },
  FILE_UNREADABLE: {
    vi: 'Không đọc được tệp.',
    en: 'The file cannot be read.',
  },
  FILE_EMPTY: {
    vi: 'Tệp rỗng.',
    en: 'The file is empty.',
  },
  FILE_TOO_LARGE: {
    vi: 'Tệp vượt quá dung lượng cho phép.',
    en: 'The file exceeds the size limit.',
  },
  PDF_CORRUPT: {
    vi: 'Tệp PDF bị hỏng hoặc không đầy đủ.',
    en: 'The PDF file is corrupt or truncated.',
  },
  PDF_ENCRYPTED: {
    vi: 'Tệp PDF được mã hóa (có mật khẩu); đã lưu bản gốc nhưng chưa trích xuất được nội dung.',
    en: 'The PDF is encrypted (password protected); the original was kept but its text was not extracted.',
  },
  PDF_ENCRYPTED_NO_TEXT: {
    vi: 'Tệp PDF được mã hóa (có mật khẩu) nên không trích xuất được nội dung; không có gì được lưu.',
    en: 'The PDF is encrypted (password protected), so its text cannot be extracted; nothing was stored.',
  },
  DOCX_CORRUPT: {
    vi: 'Tệp Word bị hỏng hoặc không đúng định dạng.',
    en: 'The Word file is corrupt or not in the expected format.',
  },
  EXTRACTION_FAILED: {
    vi: 'Không trích xuất được nội dung văn bản.',
    en: 'Text extraction failed.',
  },
  EXTRACTION_TIMEOUT: {
    vi: 'Trích xuất nội dung quá lâu hoặc quá phức tạp nên đã dừng.',
    en: 'Text extraction took too long or was too complex and was stopped.',
  },
  OCR_FAILED: {
    vi: 'Không nhận dạng được chữ trên trang (OCR); bản gốc vẫn được lưu.',
    en: 'The page text could not be recognised (OCR); the original is kept.',
  },
  OCR_TIMEOUT: {
    vi: 'Nhận dạng chữ (OCR) một trang quá lâu nên đã dừng; các trang khác vẫn tiếp tục.',
    en: 'Text recognition (OCR) of a page took too long and was stopped; the other pages go on.',
  },
  OCR_ORIENTATION_UNSURE: {
    vi: 'Chưa chắc trang này đã được đọc đúng chiều: trang có thể bị quét xoay ngang hoặc lộn ngược nên chữ nhận dạng có thể sai; hãy đối chiếu với bản quét.',
    en: 'This page may not have been read the right way up: it may have been scanned sideways or upside down, so the recognised text may be wrong; check it against the scan.',
  },
  OCR_PAUSED: {
    vi: 'Hàng đợi nhận dạng chữ (OCR) đang tạm dừng; bấm “Tiếp tục” để nhận dạng tiếp.',
    en: 'The OCR queue is paused; press “Resume” to go on.',
  },
  IMAGE_TOO_LARGE: {
    vi: 'Ảnh quá lớn (quá nhiều điểm ảnh) nên không nhận dạng chữ; bản gốc vẫn được lưu.',
    en: 'The image is too large (too many pixels) to recognise; the original is kept.',
  },
  IMAGE_DAMAGED: {
    vi: 'Ảnh bị hỏng hoặc bị cắt cụt nên không đọc được trang này; bản gốc vẫn được lưu, các trang khác vẫn tiếp tục.',
    en: 'The image is damaged or truncated, so this page cannot be read; the original is kept and the other pages go on.',
  },
  IMAGE_UNSUPPORTED: {
    vi: 'Chưa đọc được định dạng ảnh này để nhận dạng chữ; bản gốc vẫn được lưu.',
    en: 'This image format cannot be read for text recognition yet; the original is kept.',
  },
  NOT_OCRED: {
    vi: 'Văn bản này chưa có trang scan nào được nhận dạng chữ (OCR) nên chưa tạo được bản PDF tìm kiếm được; hãy chạy OCR trước. Bản gốc không bị thay đổi.',
    en: 'No scanned page of this document has been read by OCR yet, so no searchable PDF can be made; run OCR first. The original is unchanged.',
  },
  DISK_FULL: {
    vi: 'Ổ đĩa đã đầy; không có gì bị mất, hãy giải phóng dung lượng rồi thử lại.',
    en: 'The disk is full; nothing was lost. Free some space and try again.',
  },
  WRITE_DENIED: {
    vi: 'Không ghi được vào kho: ổ đĩa chỉ cho đọc hoặc không có quyền ghi vào thư mục.',
    en: 'Cannot write to the archive: the disk is read-only or the folder is not writable.',
  },
  CANCELLED: {
    vi: 'Đã hủy thao tác.',
    en: 'The operation was cancelled.',
  },
  NOT_FOUND: {
    vi: 'Không tìm thấy.',
    en: 'Not found.',
  },
  INVALID_INPUT: {
    vi: 'Dữ liệu nhập không hợp lệ.',
    en: 'Invalid input.',
  },
  UNAUTHORIZED: {
    vi: 'Yêu cầu không được phép.',
    en: 'The request is not authorized.',
  },
  USER_EXISTS: {
    vi: 'Đã có tài khoản với tên đăng nhập này.',
    en: 'An account with this user name already exists.',
  },
  WEAK_PASSWORD: {
    vi: 'Mật khẩu quá yếu: cần ít nhất 10 ký tự và không được trùng hoặc chứa tên đăng nhập.',
    en: 'The password is too weak: it needs at least 10 characters and must not be or contain the user name.',
  },
  // Without an active administrator nobody could manage the accounts from the app any more.
  LAST_ADMIN: {
    vi: 'Không thể khóa hoặc hạ vai trò tài khoản quản trị cuối cùng đang hoạt động; hãy cấp quyền quản trị cho người khác trước.',
    en: 'The last active administrator cannot be disabled or given another role; make someone else an administrator first.',
  },
  BUNDLE_INVALID: {
    vi: 'Gói văn bản không hợp lệ hoặc không phải do VanKho tạo ra.',
    en: 'The bundle is invalid or was not made by VanKho.',
  },
  BUNDLE_TAMPERED: {
    vi: 'Gói văn bản đã bị thay đổi hoặc bị cắt cụt (mã SHA-256 không khớp).',
    en: 'The bundle was altered or truncated (SHA-256 mismatch).',
  },
  BUNDLE_HOSTILE: {
    vi: 'Gói văn bản chứa mục nguy hiểm (đường dẫn ra ngoài, liên kết, hoặc nén bất thường) nên bị từ chối.',
    en: 'The bundle contains dangerous entries (path escape, links or abnormal compression) and was refused.',
  },
  BACKUP_INVALID: {
    vi: 'Tệp sao lưu không hợp lệ, bị hỏng hoặc không phải do VanKho tạo ra; không có gì được khôi phục.',
    en: 'The backup file is invalid, damaged or not made by VanKho; nothing was restored.',
  },
  NO_ARCHIVE_OPEN: {
    vi: 'Chưa mở kho văn bản nào; hãy mở hoặc tạo một kho.',
    en: 'No archive is open; open or create one.',
  },
  UNSUPPORTED: {
    vi: 'Chức năng này không có trong chế độ đang chạy.',
    en: 'This feature is not available in the current mode.',
  },
  // A save made from a document as it was before someone else's change (DocumentDetail.version).
  CONFLICT: {
    vi: 'Văn bản vừa được người khác sửa sau khi bạn mở; thay đổi của bạn chưa được lưu. Hãy tải lại văn bản để xem bản mới rồi sửa lại.',
    en: 'Someone else changed this document after you opened it; your change was not saved. Reload the document to see the new version, then make your change again.',
  },
  // Both an account whose role lacks the method's permission and a request not from the app itself.
  FORBIDDEN: {
    vi: 'Yêu cầu bị từ chối: tài khoản của bạn không có quyền làm việc này, hoặc yêu cầu không đến từ ứng dụng.',
    en: 'The request was refused: your account is not allowed to do this, or the request did not come from the app.',
  },
  TEXT_TRUNCATED: {
    vi: 'Nội dung văn bản quá dài; chỉ phần đầu được trích xuất để tìm kiếm (bản gốc vẫn được lưu đầy đủ).',
    en: 'The text is too long; only its beginning was extracted for search (the original is kept in full).',
  },
  FOLDER_UNREADABLE: {
    vi: 'Không đọc được thư mục (không có quyền hoặc thư mục không còn truy cập được).',
    en: 'The folder cannot be read (no permission, or it is no longer accessible).',
  },
  // One message for an unknown name and a wrong password: a login never says which accounts exist.
  LOGIN_FAILED: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong user name or password.',
  },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; hãy thử lại sau 15 phút hoặc nhờ quản trị đặt lại mật khẩu.',
    en: 'The account is locked after repeated wrong passwords; try again in 15 minutes or ask an administrator to reset the password.',
  },
  SERVER_NO_ADMIN: {
    vi: 'Kho chưa có tài khoản quản trị nên máy chủ chưa thể chạy; hãy tạo một tài khoản: vankho --archive DIR users add TÊN --role admin --password-stdin (hoặc vankho serve --admin TÊN, mật khẩu qua đầu vào chuẩn).',
    en: 'The archive has no administrator account, so the server cannot run yet; make one: vankho --archive DIR users add NAME --role admin --password-stdin (or vankho serve --admin NAME, password on standard input).',
  },
  // Kết nối kho dùng chung (the desktop app on a `vankho serve`, main/host/shared-server.ts).
  SHARED_ADDRESS_INVALID: {
    vi: 'Địa chỉ máy chủ không hợp lệ; hãy nhập địa chỉ mà máy chủ VanKho in ra, ví dụ https://kho.ubnd.local:8443/.',
    en: 'Not a valid server address; type the address the VanKho server printed, e.g. https://kho.ubnd.local:8443/.',
  },
  SHARED_INSECURE: {
    vi: 'Chỉ kết nối tới máy khác qua HTTPS, vì mật khẩu không được đi qua mạng không mã hóa; HTTP thường chỉ dùng cho chính máy này (127.0.0.1).',
    en: 'Another computer is only reached over HTTPS, as passwords must not cross the network unencrypted; plain HTTP is for this computer only (127.0.0.1).',
  },
  SHARED_UNREACHABLE: {
    vi: 'Không kết nối được tới máy chủ; hãy kiểm tra địa chỉ, cổng, mạng và máy chủ có đang chạy không.',
    en: 'Cannot reach the server; check the address, the port, the network and that the server is running.',
  },
  SHARED_NOT_VANKHO: {
    vi: 'Ở địa chỉ này không phải là máy chủ VanKho (vankho serve); hãy kiểm tra lại địa chỉ và cổng.',
    en: 'What answers at this address is not a VanKho server (vankho serve); check the address and the port.',
  },
  SHARED_TOO_NEW: {
    vi: 'Máy chủ chạy phiên bản VanKho mới hơn ứng dụng này; hãy cập nhật ứng dụng.',
    en: 'The server runs a newer VanKho than this app; please update the app.',
  },
  SHARED_CERT_CHANGED: {
    vi: 'CẢNH BÁO: chứng chỉ của máy chủ khác với lần kết nối trước nên không kết nối. Có thể máy chủ đã tạo chứng chỉ mới, nhưng cũng có thể có kẻ đang giả mạo máy chủ. Hãy hỏi người quản trị dấu vân tay SHA-256 mà máy chủ in ra; chỉ khi trùng khớp mới xóa kho này khỏi danh sách và kết nối lại.',
    en: 'WARNING: the server’s certificate differs from the last connection, so it was not used. The server may have made a new certificate, but someone may also be impersonating it. Ask the administrator for the SHA-256 fingerprint the server printed; only if it matches, remove this archive from the list and connect again.',
  },
  TOO_MANY_ATTEMPTS: {
    vi: 'Quá nhiều lần đăng nhập sai từ máy này; hãy đợi một phút rồi thử lại.',
    en: 'Too many failed sign-ins from this computer; wait a minute and try again.',
  },
  INPUT_TOO_DEEP: {
    vi: 'Dữ liệu JSON lồng nhau quá sâu nên bị từ chối.',
    en: 'The JSON data is nested too deeply and was refused.',
  },
  UPLOAD_LIMIT: {
    vi: 'Dung lượng tải lên đã vượt giới hạn của phiên làm việc; hãy nhập (hoặc bỏ) các tệp đã tải lên rồi thử lại.',
    en: 'Upload limit exceeded for this session; import (or drop) the files already uploaded, then try again.',
  },
  ACCOUNT_UPLOAD_LIMIT: {
    vi: 'Tài khoản này đã tải lên quá giới hạn (dung lượng hoặc số tệp chưa nhập); hãy nhập (hoặc bỏ) các tệp đã tải lên rồi thử lại.',
    en: 'This account has reached its upload limit (bytes or files not yet imported); import (or drop) the files already uploaded, then try again.',
  },
  TAG_EXISTS: {
    vi: 'Đã có thẻ cùng tên (chỉ khác dấu hoặc chữ hoa); hãy gộp hai thẻ thay vì đổi tên.',
    en: 'A tag with the same name exists (differing only in accents or case); merge the two tags instead.',
  },
  RESTORE_CONFLICT: {
    vi: 'Không khôi phục được: kho đã có văn bản này (cùng mã định danh hoặc cùng tệp gốc, có thể do nhập lại).',
    en: 'Cannot restore: the archive already holds this document (same identifier or original, perhaps imported again).',
  },
  TOO_MANY_JOBS: {
    vi: 'Đang có quá nhiều công việc chạy cùng lúc (nhập, xuất, lập chỉ mục…); hãy chờ một việc xong rồi thử lại.',
    en: 'Too many jobs are running at once (imports, exports, reindexing…); wait for one to finish, then try again.',
  },
  JOB_NOT_RESUMABLE: {
    vi: 'Không tiếp tục được công việc này: nó không bị gián đoạn, đã được tiếp tục, hoặc loại việc này không tiếp tục được (hãy chạy lại).',
    en: 'This job cannot be resumed: it was not interrupted, was resumed already, or jobs of its kind cannot be resumed (run it again).',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi không mong muốn.',
    en: 'An unexpected error occurred.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface AppError {
  code: ErrorCode;
  message: { vi: string; en: string };
  /** Optional plain detail safe to show (a file name, a count), never a stack trace. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function appError(code: ErrorCode, detail?: string): AppError {
  return detail === undefined
    ? { code, message: ERROR_MESSAGES[code] }
    : { code, message: ERROR_MESSAGES[code], detail };
}
