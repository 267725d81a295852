import type { RequestHandler } from 'express';
import multer from 'multer';

// A page's form that carries a file is sent as multipart/form-data, which only its own route reads, with
// limits of its own: one file, of at most the route's size, and fields no larger than a form's.

/** What an upload route takes: the file's field, and the most bytes it may have. */
export interface PageUpload {
  field: string;
  maxBytes: number;
}

/** Reads the form into req.body and its file into req.file; too large is 413, anything malformed 400. */
export function readPageUpload({ field, maxBytes }: PageUpload): RequestHandler {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 100, fieldSize: 100_000, parts: 102 } }).single(
    field,
  );
  return (req, res, next) => {
    parse(req, res, (error: unknown) => {
      if (!error) return next();
      // The client's mistake, carried as the body parser carries its own (src/api/problem.ts keeps it 4xx).
      const status = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
      next(Object.assign(new Error(error instanceof Error ? error.message : 'The form could not be read'), { status }));
    });
  };
}
