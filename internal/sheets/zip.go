package sheets

import (
	"archive/zip"
	"bytes"
	"regexp"
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

// header is the header of a workbook part, dated zipDate. The date is set
// as the MS-DOS date itself: Modified would add an extra field of the time
// to every part.
func header(name string, method uint16) *zip.FileHeader {
	//lint:ignore SA1019 the MS-DOS date alone, without Modified's extra field
	return &zip.FileHeader{Name: name, Method: method, ModifiedDate: zipDate}
}
