package sheets

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"regexp"

	"github.com/xuri/excelize/v2"
)

// zipDate is the date of every part of a workbook: 1980-01-01, the first
// date a zip entry can hold (MS-DOS date: day 1, month 1, year 0 from
// 1980). A zero date (1980-00-00, what a zip writer gives a part without a
// time) is not a valid date, and some readers refuse it.
const zipDate = 1<<5 | 1

// corePrefix matches the start and end tags of the elements of the core
// properties' own name space (the root and the elements without a prefix).
var corePrefix = regexp.MustCompile(`<(/?)(coreProperties|keywords|lastModifiedBy|category|contentStatus|lastPrinted|revision|version)\b`)

// prefixCore writes docProps/core.xml with the cp: prefix for the core
// properties' name space, as Excel writes it. excelize writes that name
// space as the default one, which is valid XML, but exceljs and other
// readers look for cp:coreProperties and refuse the workbook without it.
func prefixCore(data []byte) []byte {
	data = bytes.Replace(data, []byte(`<coreProperties xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`),
		[]byte(`<coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`), 1)
	return corePrefix.ReplaceAll(data, []byte("<${1}cp:$2"))
}

// NewZipWriter returns a writer of a workbook's zip archive for excelize
// (File.SetZipWriter) that compresses its parts, dates each 1980-01-01
// and writes the core properties with the cp: prefix (see prefixCore), so
// that every common reader opens the workbook.
func NewZipWriter(w io.Writer) excelize.ZipWriter {
	return &deflateZip{zw: zip.NewWriter(w)}
}

type deflateZip struct {
	zw   *zip.Writer
	core *bytes.Buffer // docProps/core.xml, written at the next part
}

func (z *deflateZip) Create(name string) (io.Writer, error) {
	if err := z.flushCore(); err != nil {
		return nil, err
	}
	if name == "docProps/core.xml" {
		z.core = new(bytes.Buffer)
		return z.core, nil
	}
	return z.zw.CreateHeader(header(name, zip.Deflate))
}

// header is the header of a workbook part, dated zipDate. The date is set
// as the MS-DOS date itself: Modified would add an extra field of the time
// to every part.
func header(name string, method uint16) *zip.FileHeader {
	//lint:ignore SA1019 the MS-DOS date alone, without Modified's extra field
	return &zip.FileHeader{Name: name, Method: method, ModifiedDate: zipDate}
}

func (z *deflateZip) flushCore() error {
	if z.core == nil {
		return nil
	}
	data := prefixCore(z.core.Bytes())
	z.core = nil
	w, err := z.zw.CreateHeader(header("docProps/core.xml", zip.Deflate))
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (z *deflateZip) AddFS(fsys fs.FS) error {
	if err := z.flushCore(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *deflateZip) Close() error {
	if err := z.flushCore(); err != nil {
		return err
	}
	return z.zw.Close()
}
